// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pftls",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pftls", targets: ["pftls"]),
        .library(name: "PftlsCore", targets: ["PftlsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries: headers and link flags come from pkg-config.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Tiny C shims that turn macros and struct access into functions.
        .target(name: "CCryptoShim", dependencies: ["COpenSSL"]),
        .target(name: "CCursesShim", dependencies: ["CNCurses"]),
        // POSIX calls Swift's Glibc module hides (pseudo-terminals).
        .target(name: "CSystemShim"),
        // DNS through the C library's resolver (res_nquery): MX, A/AAAA and TLSA lookups.
        .target(name: "CResolverShim", linkerSettings: [.linkedLibrary("resolv")]),
        // The UI-free core: certificate engine, Postfix config model, change plan.
        .target(
            name: "PftlsCore",
            dependencies: ["COpenSSL", "CCryptoShim", "CSystemShim", "CResolverShim"],
            // The message catalog (one .strings table per domain and language) is read from
            // the source tree or /usr/share/pftls/catalog, not from a SwiftPM resource bundle:
            // the bundle's generated accessor imports all of Foundation (see DECISIONS.md).
            exclude: ["Resources"]
        ),
        // The wizard: steps, widgets and screens as values; draws into a screen buffer, never into curses.
        .target(name: "PftlsUI", dependencies: ["PftlsCore"]),
        // The only module that talks to ncurses.
        .target(name: "PftlsTerminal", dependencies: ["PftlsUI", "CNCurses", "CCursesShim"]),
        .executableTarget(
            name: "pftls",
            dependencies: [
                "PftlsCore",
                "PftlsUI",
                "PftlsTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: one throwaway Postfix, one test PKI, one answers builder,
        // the binary and tmux runners, and the end-to-end tag. Under Tests/, used by tests only.
        .target(
            name: "PftlsTestSupport",
            dependencies: ["PftlsCore", "CSystemShim"],
            path: "Tests/PftlsTestSupport"
        ),
        // Data the tests read by path (#filePath), not code: corpus files, seeds and goldens.
        .testTarget(
            name: "PftlsCoreTests",
            dependencies: ["PftlsCore", "PftlsTestSupport", "COpenSSL", "CCryptoShim"],
            exclude: ["Fuzz/Corpus", "Corpus"]
        ),
        .testTarget(
            name: "PftlsUITests",
            dependencies: ["PftlsUI", "PftlsCore", "PftlsTestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(
            name: "PftlsCLITests",
            dependencies: ["PftlsCore", "PftlsTestSupport", "pftls"],
            exclude: ["Corpus"]
        ),
        // The support's own tests: the tiers hold, and the answers builder writes what pftls reads.
        .testTarget(
            name: "PftlsTestSupportTests",
            dependencies: ["PftlsCore", "PftlsTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
