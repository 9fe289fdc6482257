/// The TLS set-up a Postfix instance has now, read one way from main.cf and
/// master.cf: what the plan, `check`, `renew` and the wizard's Start screen start from.
/// A command reads it once and hands it on; it keeps the bytes it read.
public struct TLSSetupInForce: Sendable {
    public let main: MainConfig
    public let master: MasterConfig
    /// main.cf and master.cf as read: their status and bytes.
    public let mainFile: ConfigFileSnapshot
    public let masterFile: ConfigFileSnapshot
    /// Postfix's defaults, asked when a value first needs them: the files are read while
    /// `postconf -d` still runs.
    private let askDefaults: @Sendable () -> PostfixDefaults
    var defaults: PostfixDefaults { askDefaults() }

    /// The largest main.cf or master.cf read: 64 MiB.
    static let sizeLimit = 64 << 20
    /// Where Postfix's queue is when main.cf does not say (the master's pid file is under it).
    public static let standardQueueDirectory = "/var/spool/postfix"

    /// The set-up main.cf and master.cf of `configDirectory` describe when they hold these
    /// bytes (tests, previews): as if read, with no status.
    public init(configDirectory: String = PostfixInstallation.standardConfigDirectory, main: [UInt8], master: [UInt8],
                defaults: PostfixDefaults) {
        self.init(mainFile: ConfigFileSnapshot(path: configDirectory + "/main.cf", status: nil, bytes: main),
                  masterFile: ConfigFileSnapshot(path: configDirectory + "/master.cf", status: nil, bytes: master),
                  defaults: { defaults })
    }

    private init(mainFile: ConfigFileSnapshot, masterFile: ConfigFileSnapshot, defaults: @escaping @Sendable () -> PostfixDefaults) {
        main = MainConfig(bytes: mainFile.bytes)
        master = MasterConfig(bytes: masterFile.bytes)
        self.mainFile = mainFile
        self.masterFile = masterFile
        askDefaults = defaults
    }

    /// Reads main.cf and master.cf of `configDirectory`, each opened once; `defaults` is
    /// asked only when a value needs it.
    public static func read(configDirectory: String, fileSystem: FileSystem,
                            defaults: @escaping @Sendable @autoclosure () -> PostfixDefaults) throws(ConfigReadError) -> TLSSetupInForce {
        let main = try ConfigFileSnapshot.read(configDirectory + "/main.cf", fileSystem: fileSystem)
        let master = try ConfigFileSnapshot.read(configDirectory + "/master.cf", fileSystem: fileSystem)
        return TLSSetupInForce(mainFile: main, masterFile: master, defaults: defaults)
    }

    /// The set-up of `installation`'s configuration directory, or why it cannot be read.
    public static func read(_ installation: PostfixInstallation, fileSystem: FileSystem) -> Result<TLSSetupInForce, ConfigReadError> {
        Result { () throws(ConfigReadError) in
            try read(configDirectory: installation.configDirectory, fileSystem: fileSystem, defaults: installation.defaults)
        }
    }

    /// The queue directory main.cf names by an absolute path, else Postfix's usual one.
    public var queueDirectory: String {
        main.value(of: "queue_directory").flatMap { $0.hasPrefix("/") ? $0 : nil } ?? Self.standardQueueDirectory
    }

    /// The value Postfix uses (explicit or default, `$name` expanded); "" when unset.
    public func value(_ name: String) -> String { main.effectiveValue(of: name, defaults: defaults) ?? "" }

    /// The server key and certificate files in the order Postfix loads them:
    /// `smtpd_tls_chain_files` split as Postfix splits it, else the key file, then the certificate file.
    public var files: [String] {
        let chain = value("smtpd_tls_chain_files")
        if !chain.isEmpty { return Self.fileList(chain) }
        return [value("smtpd_tls_key_file"), value("smtpd_tls_cert_file")].filter { !$0.isEmpty }
    }

    /// The directory of the first key or chain file Postfix loads (the certificate
    /// directory in use), when main.cf names one by an absolute path.
    public var certificateDirectory: String? {
        guard let first = files.first, first.hasPrefix("/") else { return nil }
        return AtomicFileWriter.split(first).directory
    }

    /// The files a file-list value names, split as Postfix splits it (commas and white space).
    static func fileList(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// The separate key and certificate files named (for the slot the next renewal writes).
    public var separateFiles: Set<String> {
        Set([value("smtpd_tls_key_file"), value("smtpd_tls_cert_file")].filter { !$0.isEmpty })
    }

    /// The layout in force.
    public var layout: Answers.Layout { value("smtpd_tls_chain_files").isEmpty ? .separateFiles : .chainFile }

    /// `smtpd_tls_security_level` and `smtp_tls_security_level` in force.
    public var smtpdLevel: String { value("smtpd_tls_security_level") }
    public var smtpLevel: String { value("smtp_tls_security_level") }

    /// Where a service without an address of its own is probed.
    public var wildcardHost: String {
        WildcardProbeHost.host(inetInterfaces: value("inet_interfaces"), inetProtocols: value("inet_protocols"))
    }

    /// Every active smtpd inet listener with its TLS mode.
    public var services: [ServiceTLS] {
        let mainLevel = smtpdLevel
        let mainWrapper = value("smtpd_tls_wrappermode")
        let wildcard = wildcardHost
        return master.services.filter { $0.service.type == "inet" && $0.service.command == "smtpd" }.map { entry in
            let service = entry.service
            let level = service.option("smtpd_tls_security_level") ?? mainLevel
            let wrapper = (service.option("smtpd_tls_wrappermode") ?? mainWrapper) == "yes"
            let mode: ServiceTLS.Mode = wrapper ? .implicit : (level == "encrypt" ? .required : (level == "may" ? .offered : .none))
            let host = ListenAddress(service.name).map(\.probeHost) ?? wildcard
            let port = ServiceNaming.portNumber(service.key.service)
            // `-o smtpd_tls_cert_file=` clears the setting for the service: no file to read.
            let overrides = ["smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file"].compactMap { service.option($0) }
                .flatMap(Self.fileList)
            return ServiceTLS(name: service.name, mode: mode, host: host, port: port, overrideFiles: overrides)
        }
    }
}
