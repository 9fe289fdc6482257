import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The directories an apply writes into are opened once, checked through the
/// descriptor, and written through it.
@Suite struct DirectoryPinsTests {
    let root = FixtureDirectory()

    private func makeDirectory(_ name: String, mode: mode_t = 0o755) throws -> String {
        let path = root.file(name)
        try #require(mkdir(path, mode) == 0 && chmod(path, mode) == 0)
        return path
    }

    @Test func aDirectoryLoosenedAfterTheCheckIsRefusedBeforeAnyWrite() throws {
        let directory = try makeDirectory("tls")
        #expect(throws: Never.self) { _ = try DirectoryPins([directory]) }
        chmod(directory, 0o777)
        do {
            _ = try DirectoryPins([directory])
            Issue.record("a world-writable directory was pinned")
        } catch {
            #expect(error.path == directory)
            #expect(error.reason.contains("changed since it was checked") && error.reason.contains("777"), "\(error.reason)")
        }
    }

    @Test func aDirectoryReplacedByASymlinkIsRefused() throws {
        let real = try makeDirectory("real")
        let link = root.file("tls")
        try #require(symlink(real, link) == 0)
        #expect(throws: AtomicFileWriter.Failure.self) { _ = try DirectoryPins([link]) }
    }

    @Test func aSwapAfterPinningCannotRedirectTheWrite() throws {
        let directory = try makeDirectory("tls")
        let pins = try DirectoryPins([directory])
        // Someone moves the checked directory away and puts another in its place.
        try #require(rename(directory, root.file("tls.moved")) == 0)
        let decoy = try makeDirectory("decoy")
        try #require(symlink(decoy, directory) == 0)
        try AtomicFileWriter(pins: pins).write(Array("secret\n".utf8), to: directory + "/key.pem", mode: 0o600)
        #expect(FileManager.default.fileExists(atPath: root.file("tls.moved/key.pem")), "written into the directory that was checked")
        #expect(!FileManager.default.fileExists(atPath: decoy + "/key.pem"), "never into the one put in its place")
    }
}
