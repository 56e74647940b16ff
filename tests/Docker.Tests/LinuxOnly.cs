// These tests drive a Linux Docker engine through its unix socket and build Linux images.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
