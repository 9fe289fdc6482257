/// A `pftls` command line suggested to the administrator: each word quoted for the
/// shell where it needs it, and `--config-dir` named whenever the configuration is not
/// the standard one. Without it, a command suggested by the demo (or by a wizard run
/// with `--config-dir`) would act on /etc/postfix instead.
public enum SuggestedCommand {
    /// `pftls apply --answers FILE [--config-dir DIR]`.
    public static func apply(answers: String, configDirectory: String) -> String {
        line(["pftls", "apply", "--answers", answers], configDirectory: configDirectory)
    }

    /// `words`, then `--config-dir DIR` unless `configDirectory` is the standard one, as one line for the shell.
    static func line(_ words: [String], configDirectory: String) -> String {
        let all = words + (configDirectory == PostfixInstallation.standardConfigDirectory ? [] : ["--config-dir", configDirectory])
        return all.map(shellWord).joined(separator: " ")
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
