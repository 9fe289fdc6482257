import ArgumentParser
import Foundation

// Usage errors exit 2 (the convention of grep, diff and openssl), not
// ArgumentParser's 64; findings decide between 0 and 1.
do {
    var command = try PftlsCommand.parseAsRoot()
    try command.run()
} catch {
    let code = PftlsCommand.exitCode(for: error)
    let message = PftlsCommand.fullMessage(for: error)
    if !message.isEmpty {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    if code == .validationFailure {
        if !message.contains("--help") {
            FileHandle.standardError.write(Data("See 'pftls help' for usage.\n".utf8))
        }
        exit(2)
    }
    exit(code.rawValue)
}
