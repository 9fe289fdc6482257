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
    PFTLS_DNS_FAILED = 3,     /* timeout, SERVFAIL, REFUSED, unreadable answer */
    PFTLS_DNS_CUT = 4         /* the answer came cut short (TC) and could not be had whole */
};

/* The largest DNS message: over TCP, a two-byte length. */
#define PFTLS_DNS_MESSAGE_MAX 65535

/* One answer record of the type asked: its TTL and where its RDATA lies in the message.
   The records of an answer are read whole, however many and however long. */
typedef struct {
    unsigned int ttl;
    int offset;
    int length;
} pftls_dns_record;

/* Asks for `name` of RR type `type` (1 A, 15 MX, 28 AAAA, 52 TLSA). `server` is an
   IPv4 or IPv6 address to ask instead of /etc/resolv.conf's servers, or NULL; `port` its port.
   Each try waits `timeout` seconds, `attempts` times. An answer that does not fit UDP
   is asked again over TCP by the C library. The whole answer message is copied into
   `message` (`capacity` bytes; PFTLS_DNS_MESSAGE_MAX always suffices) and its length
   set in `*length`. Returns PFTLS_DNS_ANSWER when a message was read, else another
   pftls_dns_status. */
int pftls_dns_query(const char *name, int type, const char *server, int port, int timeout, int attempts,
                    unsigned char *message, int capacity, int *length);

/* Reads the answer records of `type` in `message`: up to `capacity` of them (length / 11
   + 1 holds every record a message can carry) into `records`, `*count` of them, and
   `*authenticated` is the AD bit. Returns PFTLS_DNS_ANSWER, PFTLS_DNS_NO_DATA,
   PFTLS_DNS_CUT (the TC bit, or more records than `capacity`) or PFTLS_DNS_FAILED. */
int pftls_dns_records(const unsigned char *message, int length, int type,
                      pftls_dns_record *records, int capacity, int *count, int *authenticated);

/* Writes the domain name at `offset` in `message` (an MX target) into `name`, `size`
   bytes (1025 fit any name), in presentation form. Returns 0, or -1 when it is malformed. */
int pftls_dns_expand(const unsigned char *message, int length, int offset, char *name, int size);

#endif
