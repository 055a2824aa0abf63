using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Components.Pages.Ops;

// The ops pages are for Ops only: checked by the endpoint on HTTP requests and by AuthorizeRouteView inside a circuit.
[Authorize(Policy = AccessPolicies.Ops)]
public partial class Throughput { }

[Authorize(Policy = AccessPolicies.Ops)]
public partial class Throttling { }

[Authorize(Policy = AccessPolicies.Ops)]
public partial class Cost { }
