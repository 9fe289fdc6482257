import Foundation
import Testing
import PftlsTestSupport

/// The message catalog decides what root's output says: one that other users may change
/// is passed over, and a damaged one is reported before any terminal is set up.
@Suite(.serialized, .tags(.endToEnd)) struct CatalogTrustTests {
    let root: String
    let binary: String
    let catalog: String

    /// A copy of pftls in `ROOT/bin`, with its own catalog in `ROOT/share/pftls/catalog`
    /// where apply's summary in `--help` says EVIL: an installed layout the test controls.
    init() throws {
        root = NSTemporaryDirectory() + "pftls-catalog-\(UUID().uuidString)"
        binary = root + "/bin/pftls"
        catalog = root + "/share/pftls/catalog"
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/share/pftls", withIntermediateDirectories: true)
        // Copied by cp, not copyItem: Foundation writes without O_CLOEXEC, and a child another
        // suite starts meanwhile would keep the copy open for writing (ETXTBSY, ExecutableScript).
        let copied = Shell.run("cp", [Pftls.executable, binary])
        guard copied.status == 0 else { throw Shell.Failure(description: "cp \(Pftls.executable): \(copied.all)") }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PftlsCore/Resources/Catalog").path
        try FileManager.default.copyItem(atPath: source, toPath: catalog)
        let cli = catalog + "/en/CLI.strings"
        let text = try String(contentsOfFile: cli, encoding: .utf8) + "\n\"cli.apply.abstract\" = \"EVIL\";\n"
        try text.write(toFile: cli, atomically: true, encoding: .utf8)
        for path in [root, root + "/bin", root + "/share", root + "/share/pftls"] { chmod(path, 0o755) }
        _ = Shell.run("chmod", ["-R", "go-w", catalog])
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

    private func seeHelp() -> String {
        let result = Shell.run(binary, ["--help"])
        return result.all
    }

    @Test func aSafeInstalledCatalogIsUsed() {
        defer { cleanUp() }
        #expect(seeHelp().contains("EVIL"), "the copy's own catalog is read when it is safe")
    }

    @Test func aCatalogOthersMayWriteIsPassedOver() {
        defer { cleanUp() }
        chmod(catalog + "/en", 0o777)
        #expect(!seeHelp().contains("EVIL"), "a world-writable language directory is not trusted")
        chmod(catalog + "/en", 0o755)
        chmod(catalog + "/en/CLI.strings", 0o666)
        let output = seeHelp()
        #expect(!output.contains("EVIL"), "a world-writable table is not trusted: \(output)")
    }

    @Test func aCatalogOwnedByAnotherUserIsPassedOver() throws {
        defer { cleanUp() }
        try #require(getuid() == 0, "needs root to give the catalog away")
        _ = Shell.run("chown", ["-R", "nobody", catalog])
        #expect(!seeHelp().contains("EVIL"))
    }

    @Test func aDamagedCatalogIsReportedBeforeTheTerminalIsTaken() throws {
        defer { cleanUp() }
        let damaged = catalog + "/en/Wizard.strings"
        try "\"unterminated = \"x\n".write(toFile: damaged, atomically: true, encoding: .utf8)
        chmod(damaged, 0o644)
        let plain = Shell.run(binary, ["wizard"])
        #expect(plain.status == 70 && plain.error.contains("Wizard.strings") && plain.error.contains("reinstall"), "\(plain.all)")
        // In a terminal: the shell after it still has a sane terminal (canonical mode, echo).
        let tmux = try TmuxSession("\(binary) wizard; echo status=\\$?; stty -a")
        #expect(tmux.waitFor("status=70"), "\(tmux.screen)")
        #expect(tmux.waitUntil { $0.contains(" icanon") && $0.contains(" echo ") }, "terminal restored: \(tmux.screen)")
    }
}
