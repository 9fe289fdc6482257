#ifndef PFTLS_OPENSSL_LOADER_H
#define PFTLS_OPENSSL_LOADER_H
// Nothing to call: this target defines OpenSSL's functions themselves (Trampolines.S)
// and loads OpenSSL on the first call to any of them (Resolve.c). See DECISIONS.md.
#endif
