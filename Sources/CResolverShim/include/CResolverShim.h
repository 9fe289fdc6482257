#ifndef PFTLS_CRESOLVERSHIM_H
#define PFTLS_CRESOLVERSHIM_H
/* DNS through the C library's stub resolver (res_nquery, ns_initparse, dn_expand):
   pftls has no DNS client of its own. Macros and the res_state layout stay here. */
#include <stddef.h>

/* How a lookup ended. */
enum pftls_dns_status {
    PFTLS_DNS_ANSWER = 0,     /* NOERROR with records of the type asked */
    PFTLS_DNS_NO_DATA = 1,    /* NOERROR without records of that type */
    PFTLS_DNS_NO_NAME = 2,    /* NXDOMAIN */
    PFTLS_DNS_FAILED = 3      /* timeout, SERVFAIL, REFUSED, unreadable answer */
};

/* One answer record of the type asked. For MX, `preference` and `target` are set;
   for every type, `data` holds the raw RDATA (up to 4096 bytes, `length` long). */
typedef struct {
    unsigned int ttl;
    int preference;
    char target[1025];
    unsigned char data[4096];
    int length;
} pftls_dns_record;

/* Looks up `name` of RR type `type` (1 A, 15 MX, 28 AAAA, 52 TLSA). `server` is an
   IPv4 address to ask instead of /etc/resolv.conf's servers, or NULL; `port` its port.
   Fills up to `capacity` records and sets `*count`; `*authenticated` is the AD bit.
   Each try waits `timeout` seconds, `attempts` times. Returns a pftls_dns_status. */
int pftls_dns_lookup(const char *name, int type, const char *server, int port, int timeout, int attempts,
                     pftls_dns_record *records, int capacity, int *count, int *authenticated);

#endif
