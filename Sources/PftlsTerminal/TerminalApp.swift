import CCursesShim
import CNCurses
import FoundationEssentials
import Glibc
import PftlsUI

/// The wizard in a real terminal: read a key, update the model, start its
/// effects, draw. The terminal is restored on every way out: the normal end,
/// an error, Ctrl-C, SIGTERM and a dropped SSH session (SIGHUP).
public enum TerminalApp {
    /// How the session ended.
    public struct Outcome {
        /// The exit status the program should end with.
        public let exitCode: Int32
        /// The model as it was at the end (for messages printed after the screen is gone).
        public let model: WizardModel
        /// The signal that ended the session, if one did.
        public let signal: Int32
    }

    /// Runs `model` until it asks to exit or a signal arrives.
    /// True when TERM names a terminal curses can drive (not `dumb`, not unknown).
    public static var terminalIsUsable: Bool { pftls_terminal_usable() == 1 }

    /// Blocks in poll() on the terminal and the wake pipe; a signal ends the wait too.
    /// False when the terminal has hung up: a dropped connection whose SIGHUP went to a
    /// shell in between (`sh -c "pftls wizard"` over ssh), which would otherwise leave the
    /// loop polling a dead terminal at full speed.
    private static func waitForInput(_ wake: WakePipe?) -> Bool {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        if let wake { descriptors.append(pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)) }
        // Without a wake pipe, fall back to a short timeout so effects are still seen.
        _ = poll(&descriptors, nfds_t(descriptors.count), wake == nil ? 50 : -1)
        return descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    public static func run(_ start: WizardModel, runner: EffectRunner, useColors: Bool) -> Outcome {
        TerminalLocale.setUp()
        pftls_watch_exit_signals()
        pftls_watch_fatal_signals()
        let screen = CursesScreen(useColors: useColors)
        defer { screen.close() }
        let wake = WakePipe()
        let background = BackgroundEffects(runner: runner, wake: wake)
        var model = start
        var hungUp = false
        let size = screen.size
        model.width = size.width
        model.height = size.height
        // The first frame goes out before any background work starts competing for the CPU.
        screen.draw(WizardView.render(model))
        model.initialEffects.forEach(background.start)
        while model.exitCode == nil {
            screen.draw(WizardView.render(model))
            if pftls_exit_signal() != 0 { break }
            // Sleep until a key, a finished effect or a signal (resize, Ctrl-C as SIGINT,
            // a hang-up) arrives: no timed wake-ups while idle.
            guard waitForInput(wake) else {
                hungUp = true
                break
            }
            wake?.drain()
            while model.exitCode == nil, case let input = CursesKeys.read(), input != .none {
                switch input {
                case .key(let key):
                    model.update(.key(key)).forEach(background.start)
                case .resize:
                    screen.invalidate()
                    let size = screen.size
                    _ = model.update(.resize(width: size.width, height: size.height))
                case .none:
                    break
                }
            }
            for event in background.drain() { model.update(event).forEach(background.start) }
        }
        // A hung-up terminal ends the session as its SIGHUP would have.
        let signal = hungUp ? SIGHUP : pftls_exit_signal()
        // An apply in progress finishes its commit (signals are held there) before we go.
        background.waitForWork()
        return Outcome(exitCode: signal != 0 ? 128 + signal : (model.exitCode ?? 0), model: model, signal: signal)
    }
}
