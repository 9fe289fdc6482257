#include "CCursesShim.h"
#include <signal.h>
#include <pthread.h>
#include <string.h>

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
