import Foundation

/// main.cf and master.cf of a configuration directory, byte for byte, for "nothing was written" checks.
package enum ConfigFiles {
    package static func snapshot(_ configDirectory: String) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: ["main.cf", "master.cf"].map { ($0, FileManager.default.contents(atPath: configDirectory + "/" + $0) ?? Data()) })
    }
}
