import Foundation

/// A real terminal for end-to-end UI tests: a detached tmux session of a given
/// size running one command; keys go in with send-keys, the screen comes back
/// with capture-pane.
package final class TmuxSession: @unchecked Sendable {
    package let name: String
    private let socket: String

    /// Starts `command` (run by sh) in an 80x24 (or given) terminal.
    package init(_ command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        name = "pftls-\(UInt32.random(in: 0...UInt32.max))"
        socket = NSTemporaryDirectory() + "/tmux-\(name)"
        let exports = (["LANG": "C.UTF-8", "TERM": "xterm-256color", "PFTLS_RESOLVER": "none", "PFTLS_STATE_DIR": Pftls.stateDirectory].merging(environment) { $1 })
            .map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        // The tmux server outlives this call: spawn without pipes and reap the client ourselves.
        let status = try Spawn.run("/usr/bin/tmux", ["-S", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                                    "sh -c \"\(exports) \(command); echo EXIT=\\$?; sleep 60\""])
        guard status == 0 else { throw Shell.Failure(description: "tmux new-session failed (\(status))") }
    }

    deinit { _ = Shell.run("tmux", ["-S", socket, "kill-server"]) }

    /// Sends keys as tmux names them ("Enter", "Escape", "C-c", "Down", "F10") or literal text.
    package func send(_ keys: String...) {
        for key in keys { _ = Shell.run("tmux", ["-S", socket, "send-keys", "-t", name, key]) }
    }

    /// Sends raw bytes, each given in hex (`"1b"` is Esc).
    package func sendBytes(_ hex: String...) { _ = Shell.run("tmux", ["-S", socket, "send-keys", "-t", name, "-H"] + hex) }

    /// Sends text literally (no key-name lookup).
    package func type(_ text: String) { _ = Shell.run("tmux", ["-S", socket, "send-keys", "-t", name, "-l", text]) }

    /// The screen as text.
    package var screen: String { Shell.run("tmux", ["-S", socket, "capture-pane", "-p", "-t", name]).output }

    /// Everything the pane has shown on its main screen (scrollback included), with the
    /// lines the terminal wrapped joined again: what a command printed after the wizard ended.
    package var transcript: String { Shell.run("tmux", ["-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-t", name]).output }

    package func resize(_ width: Int, _ height: Int) {
        _ = Shell.run("tmux", ["-S", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen contains `text`; returns false after `timeout` seconds.
    @discardableResult
    package func waitFor(_ text: String, timeout: TimeInterval = 15) -> Bool {
        waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen; returns false after `timeout` seconds.
    @discardableResult
    package func waitUntil(timeout: TimeInterval = 15, _ condition: (String) -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition(screen) { return true }
            usleep(100_000)
        }
        return false
    }

    /// The pid of the first process named `name` below the pane's shell.
    package func pid(of program: String) -> Int32? {
        var queue = [Shell.run("tmux", ["-S", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)]
        while !queue.isEmpty {
            let parent = queue.removeFirst()
            for child in Shell.run("pgrep", ["-P", parent]).output.split(separator: "\n").map(String.init) {
                let command = (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                if command == program { return Int32(child) }
                queue.append(child)
            }
        }
        return nil
    }
}
