// Small freestanding C kernels for benchmarking the executor (bench/exec.ts runs kernels.wasm).
// Rebuild: clang --target=wasm32 -O2 -nostdlib -fno-builtin-memset -Wl,--no-entry -o kernels.wasm kernels.c
typedef unsigned int u32;
typedef unsigned long long u64;

static u32 crc_table[256];
static unsigned char buf[65536];

__attribute__((export_name("crc32")))
u32 crc32(int rounds) {
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
  for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (unsigned char)(i * 7 + 3);
  u32 crc = 0;
  for (int r = 0; r < rounds; r++) {
    crc = ~crc;
    for (int i = 0; i < (int)sizeof buf; i++) crc = crc_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    crc = ~crc;
  }
  return crc;
}

static char sieve_buf[1 << 20];
__attribute__((export_name("sieve")))
int sieve(int n) {
  int count = 0;
  for (int i = 0; i < n; i++) sieve_buf[i] = 1;
  for (int i = 2; i < n; i++) {
    if (sieve_buf[i]) {
      count++;
      for (int j = i + i; j < n; j += i) sieve_buf[j] = 0;
    }
  }
  return count;
}

static int arr[100000];
static void qsort_int(int *a, int lo, int hi) {
  while (lo < hi) {
    int p = a[(lo + hi) >> 1], i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { qsort_int(a, lo, j); lo = i; } else { qsort_int(a, i, hi); hi = j; }
  }
}
__attribute__((export_name("sort")))
int sort(int n) {
  u32 x = 12345;
  for (int i = 0; i < n; i++) { x = x * 1103515245u + 12345u; arr[i] = (int)(x >> 8); }
  qsort_int(arr, 0, n - 1);
  for (int i = 1; i < n; i++) if (arr[i - 1] > arr[i]) return -1;
  return arr[n / 2];
}

__attribute__((export_name("matmul")))
double matmul(int n) {
  static double A[64 * 64], B[64 * 64], C[64 * 64];
  for (int i = 0; i < n * n; i++) { A[i] = i * 0.5; B[i] = (n * n - i) * 0.25; }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++) s += A[i * n + k] * B[k * n + j];
      C[i * n + j] = s;
    }
  double t = 0;
  for (int i = 0; i < n * n; i++) t += C[i];
  return t;
}

__attribute__((export_name("hash64")))
u64 hash64(int n) {
  u64 h = 0xcbf29ce484222325ull;
  for (int i = 0; i < n; i++) {
    h ^= (u64)i;
    h *= 0x100000001b3ull;
    h ^= h >> 29;
  }
  return h;
}

static int fibr(int n) { return n < 2 ? n : fibr(n - 1) + fibr(n - 2); }
__attribute__((export_name("fibc")))
int fibc(int n) { return fibr(n); }
void *memset(void *d, int c, unsigned long n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }
