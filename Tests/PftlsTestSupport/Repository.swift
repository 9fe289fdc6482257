import Foundation

/// The source tree the tests run from, found from this file's path (Tests/PftlsTestSupport).
package enum Repository {
    /// The repository's root directory.
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The absolute path of `relative`, a path from the repository's root.
    package static func path(_ relative: String) -> String { root + "/" + relative }
}
