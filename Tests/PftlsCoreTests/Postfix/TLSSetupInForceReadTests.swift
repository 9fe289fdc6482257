import Foundation
import Testing
import PftlsTestSupport
@testable import PftlsCore

/// `TLSSetupInForce.read`: main.cf and master.cf read once, kept, and when they cannot be
/// read, a `ConfigReadError` with a stable code, the file, the errno and the failing call.
@Suite struct TLSSetupInForceReadTests {
    let directory = FixtureDirectory()
    let main = "smtpd_tls_chain_files = /etc/postfix/tls/chain.pem\nqueue_directory = /var/spool/postfix-a\n"
    let master = "smtp      inet  n       -       y       -       -       smtpd\n"

    /// A configuration directory holding main.cf and master.cf, each only when given.
    private func configuration(main: String?, master: String?) -> String {
        let configDirectory = directory.file("conf")
        mkdir(configDirectory, 0o700)
        if let main { directory.write("conf/main.cf", main) }
        if let master { directory.write("conf/master.cf", master) }
        return configDirectory
    }

    /// The error reading `configDirectory` gives (nil, and a failed test, when it reads).
    private func readError(_ configDirectory: String, fileSystem: FileSystem = LocalFileSystem()) -> ConfigReadError? {
        do {
            _ = try TLSSetupInForce.read(configDirectory: configDirectory, fileSystem: fileSystem, defaults: .builtIn)
            Issue.record("\(configDirectory) was read")
            return nil
        } catch { return error }
    }

    @Test func keepsTheBytesItReadAndTheStatusFromBefore() throws {
        let configDirectory = configuration(main: main, master: master)
        let setup = try TLSSetupInForce.read(configDirectory: configDirectory, fileSystem: LocalFileSystem(), defaults: .builtIn)
        #expect(setup.mainFile.path == configDirectory + "/main.cf" && setup.mainFile.bytes == Array(main.utf8))
        #expect(setup.masterFile.path == configDirectory + "/master.cf" && setup.masterFile.bytes == Array(master.utf8))
        #expect(setup.mainFile.status?.kind == .regular && setup.mainFile.status?.size == main.utf8.count)
        #expect(setup.files == ["/etc/postfix/tls/chain.pem"])
        #expect(setup.queueDirectory == "/var/spool/postfix-a")
        #expect(setup.services.map(\.name) == ["smtp"])
    }

    @Test func aMissingMainCfIsENOENTFromOpenNamingTheFileAndTheFix() throws {
        let configDirectory = configuration(main: nil, master: master)
        let error = try #require(readError(configDirectory))
        #expect(error.code == .notFound && error.code.description == "config-not-found")
        #expect(error.path == configDirectory + "/main.cf")
        #expect(error.errorNumber == ENOENT && error.call == "open")
        #expect(error.reason == "cannot read \(configDirectory)/main.cf: No such file or directory (open)", "\(error.reason)")
        #expect(error.hint.contains("--config-dir"), "\(error.hint)")
        #expect(error.description == "[config-not-found] " + error.reason)
    }

    @Test func aMissingMasterCfIsNamedItself() throws {
        let error = try #require(readError(configuration(main: main, master: nil)))
        #expect(error.code == .notFound && error.path.hasSuffix("/conf/master.cf"), "\(error.reason)")
    }

    @Test func aFileGivenAsTheDirectoryIsENOTDIR() throws {
        let file = directory.write("main.cf", main)
        let error = try #require(readError(file))
        #expect(error.code == .notFound && error.errorNumber == ENOTDIR && error.call == "open", "\(error)")
        #expect(error.reason.hasSuffix(": Not a directory (open)"), "\(error.reason)")
    }

    @Test func aDirectoryWhereMainCfShouldBeIsNotARegularFile() throws {
        let configDirectory = configuration(main: nil, master: master)
        mkdir(configDirectory + "/main.cf", 0o700)
        let error = try #require(readError(configDirectory))
        #expect(error.code == .notRegularFile && error.code.description == "config-not-regular-file")
        #expect(error.errorNumber == nil && error.reason.hasSuffix("/main.cf: it is not a regular file"), "\(error.reason)")
    }

    @Test func aLoopOfSymbolicLinksIsELOOP() throws {
        let configDirectory = configuration(main: nil, master: master)
        symlink(configDirectory + "/main.cf", configDirectory + "/main.cf")
        let error = try #require(readError(configDirectory))
        #expect(error.code == .readFailed && error.errorNumber == ELOOP && error.call == "open", "\(error)")
        #expect(error.reason.contains("Too many levels of symbolic links"), "\(error.reason)")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let configDirectory = configuration(main: nil, master: master)
        directory.write("conf/main.cf", "")
        truncate(configDirectory + "/main.cf", off_t(TLSSetupInForce.sizeLimit + 1))
        let error = try #require(readError(configDirectory))
        #expect(error.code == .tooLarge && error.code.description == "config-too-large")
        #expect(error.reason.contains("\(TLSSetupInForce.sizeLimit + 1) bytes"), "\(error.reason)")
    }

    /// Tests run as root, whom the system never refuses: a file system that refuses stands in.
    struct Refusing: FileSystem {
        func status(of path: String) throws(FileSystemError) -> FileStatus? { nil }
        func statusFollowingLinks(of path: String) throws(FileSystemError) -> FileStatus? { nil }
        func readFile(_ path: String, limit: Int) throws(FileSystemError) -> [UInt8] { throw .permissionDenied(path: path) }
        func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] { [] }
        func resolvedPath(_ path: String) -> String? { path }
    }

    @Test func aRefusedReadIsEACCESWithRootAsTheFix() throws {
        let error = try #require(readError("/etc/postfix", fileSystem: Refusing()))
        #expect(error.code == .permissionDenied && error.errorNumber == EACCES && error.call == "open")
        #expect(error.reason == "cannot read /etc/postfix/main.cf: Permission denied (open)", "\(error.reason)")
        #expect(error.hint.contains("root"), "\(error.hint)")
    }

    @Test func errnoValuesOfTheSystemCaseKeepTheirCall() {
        let failure = ConfigReadError(path: "/c/main.cf", failure: .system(path: "/c/main.cf", operation: "read", errno: EIO), call: "open")
        #expect(failure.code == .readFailed && failure.errorNumber == EIO && failure.call == "read")
        #expect(failure.reason == "cannot read /c/main.cf: Input/output error (read)")
        let refused = ConfigReadError(path: "/c/main.cf", failure: .system(path: "/c/main.cf", operation: "open", errno: EPERM), call: "open")
        #expect(refused.code == .permissionDenied)
    }

    @Test func checkAndThePlanReportItAsUnreadableWithTheSameWords() throws {
        let error = try #require(readError(configuration(main: nil, master: master)))
        #expect(error.finding == Finding(.unreadable, .error, file: error.path, message: error.reason, hint: error.hint))
    }

    @Test func theReasonIsTranslated() throws {
        let error = try #require(readError(configuration(main: nil, master: master)))
        let japanese = Catalog.withLanguage(.ja) { error.reason }
        #expect(japanese.contains("/conf/main.cf を読み取れません：No such file or directory (open)"), "\(japanese)")
    }
}
