import Foundation
import Testing

/// OpenSSL is loaded when pftls first calls it (Sources/COpenSSLLoader), on x86_64 Linux:
/// commands that never call it start without it, the others find every function.
@Suite struct OpenSSLLoadingTests {
    private static let loaderDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/COpenSSLLoader")

    /// The libraries the dynamic loader opened for `arguments`, from its own trace.
    private func librariesOpened(_ arguments: [String]) throws -> String {
        try Pftls.run(arguments, environment: ["LD_DEBUG": "files"]).standardError
    }

    #if arch(x86_64) && os(Linux)
    @Test func commandsWithoutCryptoStartWithoutOpenSSL() throws {
        #expect(!(try librariesOpened(["--version"])).contains("file=libssl.so.3"))
        #expect(!(try librariesOpened(["explain", "smtpd_tls_security_level"])).contains("file=libcrypto.so.3"))
    }

    @Test func theFirstCallLoadsOpenSSL() throws {
        let trace = try librariesOpened(["inspect", "--sample"])
        #expect(trace.contains("file=libssl.so.3"))
        #expect(trace.contains("file=libcrypto.so.3"))
    }
    #endif

    @Test func everyFunctionInTheListIsInTheSystemsOpenSSL() throws {
        let names = try String(contentsOf: Self.loaderDirectory.appendingPathComponent("symbols.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let openssl = try #require(dlopen("libssl.so.3", RTLD_NOW))
        defer { dlclose(openssl) }
        #expect(names.count > 100)
        #expect(names.filter { dlsym(openssl, $0) == nil } == [])
    }

    @Test func theTrampolinesAreGeneratedFromTheList() throws {
        let names = try String(contentsOf: Self.loaderDirectory.appendingPathComponent("symbols.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let assembly = try String(contentsOf: Self.loaderDirectory.appendingPathComponent("Trampolines.S"), encoding: .utf8)
        let entries = assembly.split(separator: "\n").filter { $0.hasSuffix(":") && !$0.hasPrefix("pftls_") }.map { String($0.dropLast()) }
        #expect(entries == names, "run Scripts/openssl-trampolines after editing symbols.txt")
    }
}
