/// The version of pftls: the one place it is written. `Scripts/package` reads it for
/// the .deb, and a test checks that it matches the newest release in CHANGELOG.md.
enum PftlsVersion {
    static let current = "0.2.0"
}
