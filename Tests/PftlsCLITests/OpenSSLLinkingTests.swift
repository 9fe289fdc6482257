import Foundation
import Testing
import PftlsTestSupport

/// OpenSSL is linked as every program links it: the dynamic loader and dpkg-shlibdeps
/// see it, pftls exports none of its functions, and nothing in the sources or the
/// manifest is specific to one architecture.
@Suite(.tags(.endToEnd)) struct OpenSSLLinkingTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func lddShowsOpenSSL() {
        let libraries = Shell.run("ldd", [Pftls.executable]).output
        #expect(libraries.contains("libssl.so.3") && libraries.contains("libcrypto.so.3"), "\(libraries)")
    }

    @Test func pftlsExportsNoOpenSSLFunction() {
        let exported = Shell.run("nm", ["-D", "--defined-only", Pftls.executable]).output
            .split(separator: "\n").filter { $0.contains(" T ") && ($0.hasSuffix(" BIO_new") || $0.contains(" SSL_") || $0.contains(" X509_")) }
        #expect(exported.isEmpty, "\(exported)")
    }

    @Test func noAssemblyAndNoArchitectureConditionals() throws {
        var found: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.root.appendingPathComponent("Sources").path))
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".S") || relative.hasSuffix(".s") || relative.hasSuffix(".asm") { found.append(relative) }
            guard relative.hasSuffix(".swift") || relative.hasSuffix(".c") || relative.hasSuffix(".h") else { continue }
            let text = try String(contentsOf: Self.root.appendingPathComponent("Sources/" + relative), encoding: .utf8)
            if text.contains("#if arch(") || text.contains("__x86_64__") || text.contains("__aarch64__") { found.append(relative) }
        }
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        if manifest.contains("arch(") { found.append("Package.swift") }
        #expect(found.isEmpty, "\(found)")
    }
}
