import Glibc

/// The demo writes nothing outside its sandbox: a certificate directory the user types
/// there must lie under the sandbox's root, links followed as far as the path exists
/// (`../..`, or a link inside the sandbox that leads out, count as outside).
public enum DemoSandboxBoundary {
    /// `demo-outside-sandbox` (error) when `path` is not under `root`; nil when it is.
    public static func finding(for path: String, sandbox root: String) -> Finding? {
        let resolvedRoot = resolved(root)
        let resolvedPath = resolved(path)
        guard resolvedPath != resolvedRoot, !resolvedPath.hasPrefix(resolvedRoot + "/") else { return nil }
        return Finding(.demoOutsideSandbox, .error, file: path,
                       message: Catalog.text("finding.demoOutsideSandbox.message", ["path": SafeText.escape(path), "sandbox": SafeText.escape(root)]),
                       hint: Catalog.text("finding.demoOutsideSandbox.hint", ["example": SafeText.escape(root + "/tls")]))
    }

    /// `path` with `.`, `..` and links resolved for the part that exists, the rest appended
    /// with `.` and `..` resolved as words.
    static func resolved(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                return normalized(String(cString: real) + "/" + rest.joined(separator: "/"))
            }
            let (directory, name) = AtomicFileWriter.split(existing)
            guard directory != existing, !directory.isEmpty else { return normalized(path) }
            rest.insert(name, at: 0)
            existing = directory
        }
    }

    /// `path` with empty, `.` and `..` components taken out.
    private static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            if component == ".." { _ = components.popLast() } else { components.append(component) }
        }
        return "/" + components.joined(separator: "/")
    }
}
