/*
 * What plain stores allow: the traffic of NCHW batch-norm forward training and backward in channel
 * groups (as BlockedBatchNorm's: one channel a group for B4 and B5 since run Q, 15 and 7 channels
 * before, which stay in the L3 rather than the L2), with plain AVX-512 stores, with plain
 * stores of each vector's two 256-bit halves (the Java passes store 256-bit vectors), and with
 * non-temporal stores, which skip the read for ownership of the output. Not batch norm: the
 * arithmetic is a stand-in of the same loads, stores and sums. With "nhwc" for the group, the
 * same passes in NHWC, where no blocking keeps x in cache between them (per-channel vector
 * accumulators over all pixels, then the normalize or dx pass), and inference's normalize pass
 * alone in both layouts. docs/batchnorm.md (runs W, X and Y) and docs/batchnorm-runs.md (runs F
 * to U) quote its output.
 *
 *   gcc -O2 -march=native docs/diagnostics/store_ceiling.c -o /tmp/store_ceiling
 *   taskset -c 0 /tmp/store_ceiling 64 256 784 1    # B5, one channel a group
 *   taskset -c 0 /tmp/store_ceiling 32 64 3136 1    # B4, one channel a group
 *   taskset -c 0 /tmp/store_ceiling 64 256 784 15   # B5, the earlier 15-channel groups
 *   taskset -c 0 /tmp/store_ceiling 32 64 3136 7    # B4, the earlier 7-channel groups
 *   taskset -c 0 /tmp/store_ceiling 64 256 784 nhwc # B5 in NHWC (C a multiple of 16)
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static int N, C, HW;
static float sum1[4096], sum2[4096];
static __m512 acc1[4096 / 16], acc2[4096 / 16];

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *tensor(size_t n) {
  size_t bytes = (n * sizeof(float) + (2 << 20) - 1) / (2 << 20) * (2 << 20);
  float *p = aligned_alloc(2 << 20, bytes);
  if (p == NULL) {
    fprintf(stderr, "store_ceiling: cannot allocate %zu bytes\n", bytes);
    exit(1);
  }
  madvise(p, bytes, MADV_HUGEPAGE);
  memset(p, 0, bytes);
  return p;
}

static float *plane(float *t, int n, int c) { return t + ((size_t)n * C + c) * HW; }

enum { PLAIN, HALVES, NON_TEMPORAL };

static void store(float *p, __m512 v, int mode) {
  if (mode == NON_TEMPORAL) {
    _mm512_stream_ps(p, v);
  } else if (mode == HALVES) {
    _mm256_store_ps(p, _mm512_castps512_ps256(v));
    _mm256_store_ps(p + 8, _mm512_extractf32x8_ps(v, 1));
  } else {
    _mm512_store_ps(p, v);
  }
}

/* forward training of channels [c0, c1): sums of x four images at a time, then y = x * a + b */
static void forward(float *x, float *y, int c0, int c1, int mode) {
  for (int n = 0; n < N; n += 4)
    for (int c = c0; c < c1; c++) {
      __m512 s = _mm512_setzero_ps(), q = s;
      for (int k = 0; k < 4 && n + k < N; k++)
        for (int i = 0; i < HW; i += 16) {
          __m512 v = _mm512_load_ps(plane(x, n + k, c) + i);
          s = _mm512_add_ps(s, v);
          q = _mm512_fmadd_ps(v, v, q);
        }
      sum1[c] += _mm512_reduce_add_ps(s);
      sum2[c] += _mm512_reduce_add_ps(q);
    }
  for (int n = 0; n < N; n++)
    for (int c = c0; c < c1; c++) {
      __m512 a = _mm512_set1_ps(1 + sum1[c] * 1e-12f), b = _mm512_set1_ps(sum2[c] * 1e-12f);
      for (int i = 0; i < HW; i += 16)
        store(plane(y, n, c) + i, _mm512_fmadd_ps(_mm512_load_ps(plane(x, n, c) + i), a, b), mode);
    }
}

/* backward of channels [c0, c1): sums of dy and dy * x two images at a time, then dx */
static void backward(float *x, float *dy, float *dx, int c0, int c1, int mode) {
  for (int n = 0; n < N; n += 2)
    for (int c = c0; c < c1; c++) {
      __m512 s = _mm512_setzero_ps(), q = s;
      for (int k = 0; k < 2 && n + k < N; k++)
        for (int i = 0; i < HW; i += 16) {
          __m512 d = _mm512_load_ps(plane(dy, n + k, c) + i);
          s = _mm512_add_ps(s, d);
          q = _mm512_fmadd_ps(d, _mm512_load_ps(plane(x, n + k, c) + i), q);
        }
      sum1[c] += _mm512_reduce_add_ps(s);
      sum2[c] += _mm512_reduce_add_ps(q);
    }
  for (int n = 0; n < N; n++)
    for (int c = c0; c < c1; c++) {
      __m512 a = _mm512_set1_ps(1 + sum1[c] * 1e-12f), b = _mm512_set1_ps(sum2[c] * 1e-12f);
      for (int i = 0; i < HW; i += 16) {
        __m512 v = _mm512_fmadd_ps(_mm512_load_ps(plane(x, n, c) + i), b, a);
        store(plane(dx, n, c) + i, _mm512_fmadd_ps(_mm512_load_ps(plane(dy, n, c) + i), a, v), mode);
      }
    }
}

/* inference of channels [c0, c1): y = x * a + b, no sums */
static void inference(float *x, float *y, int c0, int c1, int mode) {
  for (int n = 0; n < N; n++)
    for (int c = c0; c < c1; c++) {
      __m512 a = _mm512_set1_ps(1 + c * 1e-6f), b = _mm512_set1_ps(c * 1e-3f);
      for (int i = 0; i < HW; i += 16)
        store(plane(y, n, c) + i, _mm512_fmadd_ps(_mm512_load_ps(plane(x, n, c) + i), a, b), mode);
    }
}

/* NHWC: y = x * a[c] + b[c] over every pixel, coefficients from sum1 and sum2 */
static void normalize_nhwc(float *x, float *y, int mode) {
  for (size_t p = 0; p < (size_t)N * HW; p++)
    for (int c = 0; c < C; c += 16) {
      __m512 a = _mm512_add_ps(_mm512_set1_ps(1), _mm512_mul_ps(_mm512_loadu_ps(sum1 + c),
                                                                _mm512_set1_ps(1e-12f)));
      __m512 b = _mm512_mul_ps(_mm512_loadu_ps(sum2 + c), _mm512_set1_ps(1e-12f));
      store(y + p * C + c, _mm512_fmadd_ps(_mm512_load_ps(x + p * C + c), a, b), mode);
    }
}

/* NHWC forward training: per-channel vector sums of x and x * x over all pixels, then normalize */
static void forward_nhwc(float *x, float *y, int mode) {
  for (int v = 0; v < C / 16; v++) acc1[v] = acc2[v] = _mm512_setzero_ps();
  for (size_t p = 0; p < (size_t)N * HW; p++)
    for (int c = 0; c < C; c += 16) {
      __m512 v = _mm512_load_ps(x + p * C + c);
      acc1[c / 16] = _mm512_add_ps(acc1[c / 16], v);
      acc2[c / 16] = _mm512_fmadd_ps(v, v, acc2[c / 16]);
    }
  for (int c = 0; c < C; c += 16) {
    _mm512_storeu_ps(sum1 + c, acc1[c / 16]);
    _mm512_storeu_ps(sum2 + c, acc2[c / 16]);
  }
  normalize_nhwc(x, y, mode);
}

/* NHWC backward: per-channel vector sums of dy and dy * x, then dx */
static void backward_nhwc(float *x, float *dy, float *dx, int mode) {
  for (int v = 0; v < C / 16; v++) acc1[v] = acc2[v] = _mm512_setzero_ps();
  for (size_t p = 0; p < (size_t)N * HW; p++)
    for (int c = 0; c < C; c += 16) {
      __m512 d = _mm512_load_ps(dy + p * C + c);
      acc1[c / 16] = _mm512_add_ps(acc1[c / 16], d);
      acc2[c / 16] = _mm512_fmadd_ps(d, _mm512_load_ps(x + p * C + c), acc2[c / 16]);
    }
  for (int c = 0; c < C; c += 16) {
    _mm512_storeu_ps(sum1 + c, acc1[c / 16]);
    _mm512_storeu_ps(sum2 + c, acc2[c / 16]);
  }
  for (size_t p = 0; p < (size_t)N * HW; p++)
    for (int c = 0; c < C; c += 16) {
      __m512 a = _mm512_add_ps(_mm512_set1_ps(1), _mm512_mul_ps(_mm512_loadu_ps(sum1 + c),
                                                                _mm512_set1_ps(1e-12f)));
      __m512 b = _mm512_mul_ps(_mm512_loadu_ps(sum2 + c), _mm512_set1_ps(1e-12f));
      __m512 v = _mm512_fmadd_ps(_mm512_load_ps(x + p * C + c), b, a);
      store(dx + p * C + c, _mm512_fmadd_ps(_mm512_load_ps(dy + p * C + c), a, v), mode);
    }
}

static int cmp(const void *a, const void *b) {
  double d = *(const double *)a - *(const double *)b;
  return (d > 0) - (d < 0);
}

enum { FORWARD_TRAINING, INFERENCE, BACKWARD };

/* median of 21 calls of the pass over all groups (group 0: NHWC), in ms */
static double timed(int op, float *x, float *dy, float *out, int group, int mode) {
  double t[21];
  for (int r = 0; r < 21; r++) {
    double t0 = now();
    if (group == 0 && op == FORWARD_TRAINING) forward_nhwc(x, out, mode);
    if (group == 0 && op == INFERENCE) normalize_nhwc(x, out, mode);
    if (group == 0 && op == BACKWARD) backward_nhwc(x, dy, out, mode);
    for (int c0 = 0; group > 0 && c0 < C; c0 += group) {
      int c1 = c0 + group < C ? c0 + group : C;
      if (op == FORWARD_TRAINING) forward(x, out, c0, c1, mode);
      if (op == INFERENCE) inference(x, out, c0, c1, mode);
      if (op == BACKWARD) backward(x, dy, out, c0, c1, mode);
    }
    _mm_sfence();
    t[r] = now() - t0;
  }
  qsort(t, 21, sizeof t[0], cmp);
  return t[10] * 1e3;
}

int main(int argc, char **argv) {
  if (argc == 5) N = atoi(argv[1]), C = atoi(argv[2]), HW = atoi(argv[3]);
  int nhwc = argc == 5 && strcmp(argv[4], "nhwc") == 0;
  int group = argc == 5 && !nhwc ? atoi(argv[4]) : 0;
  if (N < 1 || C < 1 || C > 4096 || HW < 16 || HW % 16 != 0 || (group < 1 && !nhwc) ||
      (nhwc && C % 16 != 0)) {
    fprintf(stderr, "usage: store_ceiling N C HW channels-per-group|nhwc (all positive, "
                    "C <= 4096, HW a multiple of 16; C a multiple of 16 for nhwc)\n");
    return 2;
  }
  size_t n = (size_t)N * C * HW;
  float *x = tensor(n), *dy = tensor(n), *out = tensor(n);
  for (size_t i = 0; i < n; i++) x[i] = (float)(i % 7), dy[i] = (float)(i % 5);
  if (nhwc) printf("%d x %d x %d NHWC, median of 21 calls in ms\n", N, C, HW);
  else printf("%d x %d x %d, %d channels a group, median of 21 calls in ms\n", N, C, HW, group);
  static const char *names[] = {"forward training", "inference", "backward"};
  for (int round = 0; round < 3; round++) {
    for (int op = FORWARD_TRAINING; op <= BACKWARD; op++) {
      double p = timed(op, x, dy, out, group, PLAIN), h = timed(op, x, dy, out, group, HALVES);
      double t = timed(op, x, dy, out, group, NON_TEMPORAL);
      printf("%s: plain %.2f, plain 256-bit halves %.2f, non-temporal %.2f\n", names[op], p, h,
             t);
    }
  }
  return 0;
}
