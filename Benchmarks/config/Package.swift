// swift-tools-version:6.0
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory ("main", "pftls", ...), so the
/// identity is read from the path instead of being spelled out.
let rootIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "ConfigBenchmark",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ConfigBenchmark",
            dependencies: [.product(name: "PftlsCore", package: rootIdentity)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
