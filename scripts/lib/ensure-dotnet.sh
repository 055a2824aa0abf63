# The .NET 10 SDK must be on the machine; NuGet packages restore on build.
ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not found on PATH)"
  dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is required (found: $(dotnet --list-sdks | tr '\n' ' '))"
}
ENSURE+=(ensure_dotnet)
