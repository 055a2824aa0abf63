namespace Dashboard.Operations.Prometheus;

/// <summary>Prometheus did not answer, or refused a query: the message says which, in words fit for the page.</summary>
public sealed class PrometheusUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
