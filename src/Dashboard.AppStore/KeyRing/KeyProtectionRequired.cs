namespace Dashboard.AppStore.KeyRing;

/// <summary>Stops start-up (naming the keys to set) when the key ring cannot be encrypted: no key is ever stored in the clear.</summary>
internal sealed class KeyProtectionRequired(KeyProtectionCertificates certificates) : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options) =>
        certificates.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
