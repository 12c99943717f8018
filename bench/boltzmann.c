/*
 * Mesa 3's Boltzmann wealth model in plain C99: the same algorithm as src/reference/boltzmann-wealth.ts
 * (non-torus Moore grid, cell = x * height + y, doubly linked per-cell agent lists, Fisher-Yates activation
 * order each step, per-step Gini by counting sort with Mesa's formula), for the speed comparison in
 * bench/run.ts.
 *
 *   gcc -O2 -o bench/out/boltzmann bench/boltzmann.c
 *   bench/out/boltzmann AGENTS WIDTH HEIGHT STEPS SEED [S0 S1 S2 S3]
 *
 * RNG: xoshiro128** (https://prng.di.unimi.it/xoshiro128starstar.c), seeded by splitmix64 from SEED, or from
 * the four 32-bit state words S0..S3 when given; uniform integers in [0, n) as floor(u * 2^-32 * n) in
 * double, like RandomStream.int. Given the same state words the run is draw-for-draw the TS run.
 * Prints the final Gini, the total wealth and the seconds from start of set-up to the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s[4];

static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static inline uint32_t next_u32(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

static inline int32_t rand_int(int32_t n) {
  return (int32_t)((double)next_u32() * 2.3283064365386963e-10 * (double)n);
}

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Mesa's compute_gini: x sorted ascending, b = sum x_i (n - i) / (n sum x), G = 1 + 1/n - 2b. */
static double gini(const int32_t *wealth, int32_t n, int32_t *bins, int64_t *total_out) {
  int32_t max = 0;
  int64_t total = 0;
  for (int32_t a = 0; a < n; a++) {
    int32_t w = wealth[a];
    bins[w]++;
    total += w;
    if (w > max) max = w;
  }
  int64_t num = 0, pos = 0;
  for (int32_t w = 0; w <= max; w++) {
    int64_t c = bins[w];
    if (c == 0) continue;
    bins[w] = 0;
    num += (int64_t)w * (c * n - c * pos - c * (c - 1) / 2);
    pos += c;
  }
  *total_out = total;
  double b = (double)num / ((double)n * (double)total);
  return 1.0 + 1.0 / n - 2.0 * b;
}

int main(int argc, char **argv) {
  if (argc != 6 && argc != 10) {
    fprintf(stderr, "usage: %s AGENTS WIDTH HEIGHT STEPS SEED [S0 S1 S2 S3]\n", argv[0]);
    return 2;
  }
  const int32_t n = atoi(argv[1]), width = atoi(argv[2]), height = atoi(argv[3]), steps = atoi(argv[4]);
  if (n < 1 || width < 1 || height < 1 || steps < 1 || (int64_t)width * height < 2) {
    fprintf(stderr, "agents, width, height, steps must be >= 1 and width*height >= 2\n");
    return 2;
  }
  if (argc == 10) {
    for (int i = 0; i < 4; i++) s[i] = (uint32_t)strtoll(argv[6 + i], NULL, 10);
  } else {
    uint64_t x = strtoull(argv[5], NULL, 10);
    uint64_t a = splitmix64(&x), b = splitmix64(&x);
    s[0] = (uint32_t)a; s[1] = (uint32_t)(a >> 32); s[2] = (uint32_t)b; s[3] = (uint32_t)(b >> 32);
  }
  if ((s[0] | s[1] | s[2] | s[3]) == 0) s[0] = 1;

  const double t0 = now_s();
  const int32_t cells = width * height;
  int32_t *wealth = malloc(sizeof(int32_t) * n), *cell = malloc(sizeof(int32_t) * n);
  int32_t *next = malloc(sizeof(int32_t) * n), *prev = malloc(sizeof(int32_t) * n);
  int32_t *order = malloc(sizeof(int32_t) * n), *bins = calloc((size_t)n + 1, sizeof(int32_t));
  int32_t *head = malloc(sizeof(int32_t) * cells), *count = calloc(cells, sizeof(int32_t));
  if (!wealth || !cell || !next || !prev || !order || !bins || !head || !count) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  for (int32_t c = 0; c < cells; c++) head[c] = -1;
  for (int32_t a = 0; a < n; a++) {
    int32_t c = rand_int(cells);
    wealth[a] = 1;
    cell[a] = c;
    int32_t h = head[c];
    next[a] = h;
    prev[a] = -1;
    if (h >= 0) prev[h] = a;
    head[c] = a;
    count[c]++;
    order[a] = a;
  }

  const int32_t xmax = width - 1, ymax = height - 1;
  double g = 0;
  int64_t total = n;
  for (int32_t step = 0; step < steps; step++) {
    for (int32_t i = n - 1; i > 0; i--) {
      int32_t j = rand_int(i + 1);
      int32_t t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int32_t k = 0; k < n; k++) {
      const int32_t a = order[k];
      const int32_t c = cell[a];
      const int32_t x = c / height, y = c - x * height;
      const int32_t x0 = x > 0 ? x - 1 : x, y0 = y > 0 ? y - 1 : y;
      const int32_t ny = (y < ymax ? y + 1 : y) - y0 + 1;
      const int32_t nx = (x < xmax ? x + 1 : x) - x0 + 1;
      int32_t r = rand_int(nx * ny - 1);
      if (r >= (x - x0) * ny + (y - y0)) r++;
      const int32_t dx = r / ny;
      const int32_t d = (x0 + dx) * height + y0 + (r - dx * ny);
      const int32_t p = prev[a], q = next[a];
      if (p >= 0) next[p] = q; else head[c] = q;
      if (q >= 0) prev[q] = p;
      count[c]--;
      const int32_t h = head[d];
      next[a] = h;
      prev[a] = -1;
      if (h >= 0) prev[h] = a;
      head[d] = a;
      const int32_t m = ++count[d];
      cell[a] = d;
      if (wealth[a] > 0 && m > 1) {
        int32_t b = next[a];
        for (int32_t i = rand_int(m - 1); i > 0; i--) b = next[b];
        wealth[b]++;
        wealth[a]--;
      }
    }
    g = gini(wealth, n, bins, &total);
  }
  const double elapsed = now_s() - t0;
  printf("gini %.17g total_wealth %lld elapsed_s %.6f\n", g, (long long)total, elapsed);
  return 0;
}
