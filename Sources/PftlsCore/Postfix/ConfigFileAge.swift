#if canImport(Glibc)
import Glibc
#endif

/// Postfix waits while a configuration file looks freshly edited (modified within the
/// last second). Files pftls has just written whole, a staged copy or the demo
/// sandbox, are dated a few seconds back so that Postfix reads them at once.
public enum ConfigFileAge {
    /// Sets the access and modification times of `paths` to five seconds ago.
    public static func dateBack(_ paths: [String]) {
        var past = [timespec(tv_sec: time(nil) - 5, tv_nsec: 0), timespec(tv_sec: time(nil) - 5, tv_nsec: 0)]
        for path in paths { utimensat(AT_FDCWD, path, &past, 0) }
    }
}
