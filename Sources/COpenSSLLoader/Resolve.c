// Loads OpenSSL when pftls first calls it, not when the program starts: libssl and
// libcrypto cost about 1.7 ms to map and relocate, more than the wizard's whole first
// frame, and `explain`, `--help` and the wizard's first screen never call them.
#if defined(__x86_64__) && defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "OpenSSLSymbols.h"

extern void *pftls_openssl_slots[];

static void *openssl;
static pthread_once_t loading = PTHREAD_ONCE_INIT;

static void fail(const char *what, const char *detail) {
    dprintf(STDERR_FILENO, "pftls: %s: %s. Install OpenSSL 3 (Debian: apt install libssl3).\n", what, detail ? detail : "unknown error");
    _exit(70);
}

static void load(void) {
    // libssl brings libcrypto with it; RTLD_GLOBAL lets each find the other as at start-up.
    openssl = dlopen("libssl.so.3", RTLD_NOW | RTLD_GLOBAL);
    if (openssl == NULL) fail("cannot load libssl.so.3", dlerror());
}

void *pftls_openssl_resolve(int index) {
    pthread_once(&loading, load);
    void *function = dlsym(openssl, pftls_openssl_symbol_names[index]);
    if (function == NULL) fail(pftls_openssl_symbol_names[index], "not found in OpenSSL");
    __atomic_store_n(&pftls_openssl_slots[index], function, __ATOMIC_RELEASE);
    return function;
}
#endif
