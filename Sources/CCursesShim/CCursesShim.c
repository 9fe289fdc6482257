#include "CCursesShim.h"
#include <signal.h>
#include <pthread.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <term.h>

static volatile sig_atomic_t pftls_signal_seen = 0;
static void pftls_note_signal(int number) { pftls_signal_seen = number; }

int pftls_attr_bold(void) { return (int)A_BOLD; }
int pftls_attr_reverse(void) { return (int)A_REVERSE; }
int pftls_attr_underline(void) { return (int)A_UNDERLINE; }
int pftls_attr_dim(void) { return (int)A_DIM; }
int pftls_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
int pftls_key_f(int n) { return KEY_F(n); }
WINDOW *pftls_stdscr(void) { return stdscr; }

void pftls_watch_exit_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pftls_note_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    /* A parent may have started us with these blocked; they must reach us. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}

int pftls_exit_signal(void) { return pftls_signal_seen; }

/* The terminal settings before curses changed them, for the fatal-signal handler. */
static struct termios pftls_saved_termios;
static volatile sig_atomic_t pftls_termios_saved = 0;

/* Restores the terminal from a crash: only async-signal-safe calls, then the signal's
   default action (a core dump or termination) as if we had not been there. */
static void pftls_restore_on_fatal(int number) {
    if (pftls_termios_saved) tcsetattr(STDIN_FILENO, TCSANOW, &pftls_saved_termios);
    static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(number, SIG_DFL);
    raise(number);
}

void pftls_watch_fatal_signals(void) {
    if (tcgetattr(STDIN_FILENO, &pftls_saved_termios) == 0) pftls_termios_saved = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pftls_restore_on_fatal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &action, NULL);
}

int pftls_terminal_usable(void) {
    int error = 0;
    if (setupterm(NULL, STDOUT_FILENO, &error) != OK) return 0;
    const char *cursor = tigetstr("cup");
    int usable = cursor != NULL && cursor != (const char *)-1;
    del_curterm(cur_term);
    return usable;
}
