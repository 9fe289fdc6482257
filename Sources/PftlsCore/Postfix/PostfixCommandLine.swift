/// A command as pftls tells a person to type it: `postfix reload` for the standard
/// instance, `postfix -c '/srv/mx2' reload` (and `pftls check --config-dir '/srv/mx2'`)
/// for another one, so that a copied command acts on the instance pftls looked at, not
/// on /etc/postfix.
public enum PostfixCommandLine {
    /// `postfix [-c DIR] ACTION` for the instance in `configDirectory`.
    public static func text(_ action: String, configDirectory: String) -> String {
        guard configDirectory != PostfixInstallation.standardConfigDirectory else { return "postfix \(action)" }
        return "postfix -c \(BackupSet.quote(configDirectory)) \(action)"
    }

    /// ` --config-dir 'DIR'` to add to a pftls command shown to a person, or nothing for
    /// the standard instance.
    public static func pftlsOption(configDirectory: String) -> String {
        configDirectory == PostfixInstallation.standardConfigDirectory ? "" : " --config-dir \(BackupSet.quote(configDirectory))"
    }
}
