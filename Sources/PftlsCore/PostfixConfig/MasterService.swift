/// One master.cf service: the eight fields, the `-o` overrides and the other arguments.
public struct MasterService: Equatable, Sendable {
    /// Service name, possibly with an address: `submission`, `127.0.0.1:smtp`.
    public var name: String
    /// `inet`, `unix`, `unix-dgram`, `fifo` or `pass`.
    public var type: String
    /// The `private` field: `y`, `n` or `-`.
    public var privateAccess: String
    /// The `unpriv` field: `y`, `n` or `-`.
    public var unprivileged: String
    /// The `chroot` field: `y`, `n` or `-`.
    public var chroot: String
    /// The `wakeup` field: seconds, optionally followed by `?`, or `-`.
    public var wakeup: String
    /// The `maxproc` field: a number or `-`.
    public var processLimit: String
    /// The program, e.g. `smtpd`.
    public var command: String
    /// The `-o name=value` overrides, in order.
    public var options: [MasterOption]
    /// The command's other arguments, in order (for example `pipe`'s `flags=` and `argv=`).
    public var arguments: [String]

    /// Creates a service; the defaults are those of a Debian `smtpd` line.
    public init(
        name: String, type: String = "inet", privateAccess: String = "n", unprivileged: String = "-",
        chroot: String = "y", wakeup: String = "-", processLimit: String = "-", command: String = "smtpd",
        options: [MasterOption] = [], arguments: [String] = []
    ) {
        self.name = name
        self.type = type
        self.privateAccess = privateAccess
        self.unprivileged = unprivileged
        self.chroot = chroot
        self.wakeup = wakeup
        self.processLimit = processLimit
        self.command = command
        self.options = options
        self.arguments = arguments
    }

    /// The service's identity.
    public var key: ServiceKey {
        ServiceKey(name, type)
    }

    /// The value of override `name` (the last one wins, as in the daemon), or nil.
    public func option(_ name: String) -> String? {
        options.last { $0.name == name }?.value
    }

    /// The eight fields in master.cf order.
    var fields: [String] {
        [name, type, privateAccess, unprivileged, chroot, wakeup, processLimit, command]
    }

    /// The entry as master.cf lines (without terminators), in Debian's column layout:
    /// the fields on the first line, then one `-o` per continuation line, then the other
    /// arguments on a last continuation line.
    func renderedLines(indentation: String = MasterLayout.defaultIndentation) throws -> [String] {
        let fieldNames = ["service", "type", "private", "unpriv", "chroot", "wakeup", "maxproc", "command"]
        for (fieldName, value) in zip(fieldNames, fields) where value.isEmpty || value.contains(where: \.isWhitespace) {
            throw PostfixConfigError.invalidField(name: fieldName, value: value)
        }
        var lines = [MasterLayout.columns(fields)]
        lines += try options.map { indentation + "-o " + (try $0.renderedToken()) }
        if !arguments.isEmpty { lines.append(indentation + arguments.joined(separator: " ")) }
        return lines
    }
}
