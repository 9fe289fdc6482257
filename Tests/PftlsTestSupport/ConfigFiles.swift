import Foundation

/// main.cf and master.cf of a configuration directory, byte for byte, for "nothing was written" checks.
package enum ConfigFiles {
    package static func snapshot(_ configDirectory: String) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: ["main.cf", "master.cf"].map { ($0, FileManager.default.contents(atPath: configDirectory + "/" + $0) ?? Data()) })
    }
}

extension ThrowawayPostfix {
    /// Every file of the configuration and certificate (`tls`) directories, byte for byte,
    /// backups left out: for "nothing was changed" and "everything is back" checks.
    package func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for base in [configDirectory, root + "/tls"] {
            for case let name as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] where !name.contains("pftls-backups") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[base + "/" + name] = FileManager.default.contents(atPath: base + "/" + name)
                }
            }
        }
        return files
    }
}
