#ifndef PFTLS_OPENSSL_LOADER_H
#define PFTLS_OPENSSL_LOADER_H
/// Loads OpenSSL now (it is otherwise loaded by the first call into it); safe from any
/// thread, any number of times.
void pftls_openssl_load(void);
#endif
