#include "CCursesShim.h"

int pftls_attr_bold(void) { return (int)A_BOLD; }
int pftls_attr_reverse(void) { return (int)A_REVERSE; }
int pftls_attr_underline(void) { return (int)A_UNDERLINE; }
int pftls_attr_dim(void) { return (int)A_DIM; }
int pftls_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
int pftls_key_f(int n) { return KEY_F(n); }
