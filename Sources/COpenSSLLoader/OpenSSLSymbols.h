// The OpenSSL functions pftls calls, by slot (generated into SymbolNames.c).
extern const int pftls_openssl_symbol_count;
extern const char *const pftls_openssl_symbol_names[];
