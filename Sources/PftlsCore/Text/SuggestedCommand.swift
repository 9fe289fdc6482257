/// A `pftls` command line suggested to the administrator: each word quoted for the
/// shell where it needs it, and `--config-dir` named whenever the configuration is not
/// the standard one. Without it, a command suggested by the demo (or by a wizard run
/// with `--config-dir`) would act on /etc/postfix instead.
public enum SuggestedCommand {
    /// `pftls apply --answers FILE [--config-dir DIR]`.
    public static func apply(answers: String, configDirectory: String) -> String {
        line(["pftls", "apply", "--answers", answers], configDirectory: configDirectory)
    }

    /// `postfix [-c DIR] ACTION` for the instance in `configDirectory` (`postfix reload`,
    /// `postfix -c /srv/mx2 reload`).
    public static func postfix(_ action: String, configDirectory: String) -> String {
        instance("postfix", [action], configDirectory: configDirectory)
    }

    /// `postconf [-c DIR] ARGUMENTS` for the instance in `configDirectory`.
    public static func postconf(_ arguments: [String], configDirectory: String) -> String {
        instance("postconf", arguments, configDirectory: configDirectory)
    }

    /// `doveadm [-c FILE] reload` for the Dovecot whose configuration is `configFile`.
    public static func doveadmReload(configFile: String) -> String {
        (["doveadm"] + (configFile == DovecotInstallation.standardConfigFile ? [] : ["-c", configFile]) + ["reload"]).map(shellWord).joined(separator: " ")
    }

    /// `program [-c DIR] arguments`, each word quoted where the shell needs it.
    private static func instance(_ program: String, _ arguments: [String], configDirectory: String) -> String {
        ([program] + configDirectoryWords(configDirectory, option: "-c") + arguments).map(shellWord).joined(separator: " ")
    }

    /// ` --config-dir DIR`, to end a pftls command written in a text, or nothing for the
    /// standard instance.
    public static func configDirectoryOption(_ configDirectory: String) -> String {
        configDirectoryWords(configDirectory, option: "--config-dir").map { " " + shellWord($0) }.joined()
    }

    /// `option DIR` unless `configDirectory` is the standard one.
    private static func configDirectoryWords(_ configDirectory: String, option: String) -> [String] {
        configDirectory == PostfixInstallation.standardConfigDirectory ? [] : [option, configDirectory]
    }

    /// `words`, then `--config-dir DIR` unless `configDirectory` is the standard one, as one line for the shell.
    static func line(_ words: [String], configDirectory: String) -> String {
        (words + configDirectoryWords(configDirectory, option: "--config-dir")).map(shellWord).joined(separator: " ")
    }

    /// `text` as one shell word: as it is when it holds only characters the shell takes
    /// literally, else in single quotes.
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-+,:@%=".unicodeScalars.contains(scalar))
        }
        return plain ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

extension SuggestedCommand {
    /// `pftls renew …` for a renewal that reached the disk: `--from-certbot NAME` for a
    /// certbot lineage (with `--certbot-dir ROOT` unless it is /etc/letsencrypt), else
    /// `--key`, `--cert` and each `--chain`; then each `--sni NAME`, `--state-dir DIR` when
    /// not the default, `options` as they are, and `--config-dir DIR` when not the standard one.
    public static func renew(source: RenewSource, sni: [String], stateDirectory: String?, options: [String] = [], configDirectory: String) -> String {
        var words = ["pftls", "renew"]
        switch source {
        case .certbot(let name, let root):
            words += ["--from-certbot", name] + (root == CertbotScan.defaultDirectory ? [] : ["--certbot-dir", root])
        case .files(let key, let certificate, let chain):
            words += (key.map { ["--key", $0] } ?? []) + ["--cert", certificate] + chain.flatMap { ["--chain", $0] }
        }
        words += sni.flatMap { ["--sni", $0] } + (stateDirectory.map { ["--state-dir", $0] } ?? []) + options
        return line(words, configDirectory: configDirectory)
    }

    /// What a suggested `renew` installs.
    public enum RenewSource: Equatable, Sendable {
        /// A certbot lineage: `ROOT/live/NAME`.
        case certbot(name: String, root: String)
        /// A key (nil: the one in use), a certificate and intermediates.
        case files(key: String?, certificate: String, chain: [String])
    }
}
