package dev.lanes.kernels.batchnorm;

import static dev.lanes.kernels.batchnorm.ChannelMath.beta;
import static dev.lanes.kernels.batchnorm.ChannelMath.gamma;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.BatchNorm;
import dev.lanes.kernels.BatchNormParams;
import dev.lanes.kernels.Layout;
import dev.lanes.kernels.TensorShape;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.parallel.WorkerPool;
import java.util.Arrays;

/**
 * Batch norm over {@link BatchNormLoops}, blocked for cache and split over the context's workers.
 *
 * <p><b>Planar</b> (NCHW with H * W > 1): each task runs every pass of its channels back to back.
 * Tensors that fit in cache are walked a channel at a time, its N planes as rows of one loop call;
 * on one thread, their forward training gathers every channel's sums so and then normalizes image by
 * image in memory order, and their backward (from planes of {@link #LONG_PLANE} values, and on
 * shorter planes cut into runs of four vectors, see {@link #quadPlanes}) computes dx so, after sums
 * image by image too where a run pattern takes them (see {@link #imageOrdered}).
 * Large tensors ({@link #LARGE} elements or more, planes of at least {@link #LONG_PLANE} values) are
 * split into groups of adjacent channels, each walked image by
 * image, plane after adjacent plane, in memory order: a channel's planes lie a whole image apart.
 * Moments take two halves: on the Zen 4, walking one channel at a time was much slower for them than
 * streaming. Forward training and backward take small groups whose x (and dy) stay in the L2
 * ({@link #L2_GROUP}: one channel of B4 or B5) from the sums, which read four (two) images side by
 * side, to the normalize (dx) pass, which on the Intel Xeon beat larger groups (docs/batchnorm.md
 * has the figures). Inference, which has no statistics to gather per
 * group, runs one task per image over all its planes (given {@link #IMAGE_TASKS} images or more),
 * so that each thread streams whole images front to back; tensors in cache too, whose short planes
 * then follow each other in memory instead of lying an image apart. Where planes are whole vectors,
 * the streamed sums (up to {@link #FLUSH} vectors a plane), normalize (without a fused sigmoid) and
 * dx passes take an image's planes of a group in one loop call through a run pattern
 * ({@link #runImages}); the streamed backward sums go plane by plane, two images' planes a call.
 *
 * <p><b>Interleaved</b> (NHWC, and 2-D where both layouts coincide): the tensor is a stream of pixels of
 * C channels, cut into fixed blocks of whole patterns (see {@link Pattern}). A statistics phase sums
 * consecutive blocks in at most {@link #SUM_TASKS} tasks, each into its own partials (past the L3,
 * with long patterns, a block's four quarters side by side: see {@link #quartered}), which are folded
 * per channel in task order; then a second phase applies the coefficients. Blocks and tasks do not
 * depend on the thread count, so neither do the results.
 *
 * <p>The worker tasks are method references built once; a call stores its arguments in fields for them
 * and clears them on return, so a steady-state call allocates nothing.
 */
final class BlockedBatchNorm implements BatchNorm {
  /**
   * Below this many elements a call stays on the calling thread: waking a parked worker took tens of
   * microseconds on the reference machine, more than B1 or B2 take in all.
   */
  static final int PARALLEL_MIN = 1 << 20;
  /** Target elements per interleaved block (rounded up to whole patterns; see {@link #blockLength}). */
  static final int BLOCK = 1 << 15;
  /**
   * Values each pattern slot sums in float before its sums move on in double (the streamed sums of
   * {@link #SUM_STREAMS} images first add each image's sums, each within this bound): bounds the float
   * rounding error (about sqrt(256) ulps) whatever the implementation's number of slots.
   */
  static final int FLUSH = 256;

  /** Planar tensors of at least this many elements are walked in memory order... */
  static final int LARGE = 1 << 21;
  /** ...when their planes have at least this many values (see the class comment). */
  static final int LONG_PLANE = 256;
  /** A planar inference runs a task per image from this many images on, else per channel group. */
  static final int IMAGE_TASKS = 8;
  /**
   * Read streams of the sums that read from memory: images per streamed sums call through a run
   * pattern (tensors of at least {@link #PAST_CACHE} elements, and {@link #L2_GROUP} groups), which the
   * Panama loop reads side by side (see {@link #runImages}), and the quarters of a block of
   * {@link #quartered} interleaved statistics.
   */
  static final int SUM_STREAMS = 4;
  /** 32 MiB of floats, the reference machine's L3. */
  static final int PAST_CACHE = 1 << 23;
  /**
   * Elements of each tensor per channel group of a streamed forward training or backward pass, or one
   * channel where a channel holds more: the group's x (and dy, 512 KiB together, or a channel's, 392
   * KiB on B5 and 784 KiB on B4) can stay in the L2 from the sums to the normalize or dx pass. On the
   * Intel Xeon (2 MiB L2 per core) one channel a group took about 15% less time than 3 MiB groups in
   * B4 and B5 forward training and backward, in 7 rounds of 7 (docs/batchnorm.md, "NCHW streamed,
   * channel groups"). Not measured on the Zen 4 (1 MiB L2), where much earlier code measured one
   * channel at a time slower.
   */
  static final int L2_GROUP = 1 << 16;
  /**
   * Most tasks of an interleaved sums pass. A task sums consecutive blocks into one partial, so the
   * partials stay few (with a partial per block, B5 NHWC's 392 blocks kept 1.6 MB of them, zeroed,
   * added to and read again), and the tasks still depend on the shape alone, not on the thread count.
   */
  static final int SUM_TASKS = 64;

  private static final int PARTIAL = 0;
  private static final int FOLD = 1;
  private static final int MEAN = 2;
  private static final int VAR = 3;
  private static final int INV_STD = 4;

  /** What a planar pass does with each run of a channel (see {@link #planes}). */
  private static final int SUMS = 0;
  private static final int BACKWARD_SUMS = 1;
  private static final int NORMALIZE = 2;
  private static final int BACKWARD = 3;

  private final BatchNormLoops loops;
  private final Workspace ws;
  private final Pattern shared = new Pattern();
  private final Pattern[] perWorker;
  /**
   * Per worker: the coefficients of its group's channels, one slot each (in a streamed inference by
   * images, worker 0's holds every channel and all workers read it).
   */
  private final Pattern[] tables;
  /** Per worker: the run pattern of the memory-order NCHW walks ({@link #runImages}). */
  private final Pattern[] runPatterns;

  // The tasks are built once and read the call's arguments from the fields below, so that a call
  // allocates no closures (a context serves one call at a time).
  private final WorkerPool.Task planarMoments = this::planarMoments;
  private final WorkerPool.Task planarInference = this::planarInference;
  private final WorkerPool.Task planarTraining = this::planarTraining;
  private final WorkerPool.Task imageInference = this::imageInference;
  private final WorkerPool.Task planarBackward = this::planarBackward;
  private final WorkerPool.Task blockSums = this::blockSums;
  private final WorkerPool.Task normalizeBlock = this::normalizeBlock;
  private final WorkerPool.Task backwardBlock = this::backwardBlock;

  private TensorShape s;
  private float[] x;
  private int xOff;
  private float[] dy;
  private int dyOff;
  private float[] out;
  private int outOff;
  private float[] gamma;
  private float[] beta;
  private BatchNormParams p;
  private Activation act;
  /** Inference: the given statistics. */
  private float[] givenMean;
  private float[] givenVar;
  /** Statistics computed by the call (moments, training) or used by backward (mean, inverse std). */
  private double[] mean;
  private double[] var;
  private double[] invStd;
  private float[] runningMean;
  private float[] runningVar;
  private double[] savedMean;
  private double[] savedInvStd;
  private float[] dgamma;
  private float[] dbeta;
  private boolean training;
  private boolean needSums;
  /**
   * Planar: channels per task. Interleaved: elements per block, blocks per sums task and the tasks'
   * partial sums.
   */
  private int group;
  private int block;
  private int blocksPerTask;
  private double[] partial;

  BlockedBatchNorm(BatchNormLoops loops, Workspace ws) {
    this.loops = loops;
    this.ws = ws;
    this.perWorker = new Pattern[ws.pool().parallelism()];
    this.tables = new Pattern[ws.pool().parallelism()];
    this.runPatterns = new Pattern[ws.pool().parallelism()];
    for (int w = 0; w < perWorker.length; w++) {
      perWorker[w] = new Pattern();
      tables[w] = new Pattern();
      runPatterns[w] = new Pattern();
    }
  }

  @Override
  public String toString() {
    return "BatchNorm[" + loops.describe() + ", " + ws.pool().parallelism() + " threads]";
  }

  @Override
  public void moments(TensorShape s, float[] x, int xOff, double[] mean, double[] var) {
    BatchNormChecks.moments(s, x, xOff, mean, var);
    try {
      begin(s, x, xOff, null, 0, null, 0, null, null, null);
      this.mean = mean;
      this.var = var;
      if (planar(s)) {
        runPlanar(planarMoments, groupSize(s));
      } else {
        interleavedStatistics();
      }
    } finally {
      end();
    }
  }

  @Override
  public void inference(TensorShape s, float[] x, int xOff, float[] mean, float[] var,
      float[] gamma, float[] beta, BatchNormParams p, float[] y, int yOff) {
    BatchNormChecks.inference(s, x, xOff, mean, var, gamma, beta, p, y, yOff);
    try {
      begin(s, x, xOff, null, 0, y, yOff, gamma, beta, p);
      if (planar(s) && s.n() >= IMAGE_TASKS) {
        Pattern table = tables[0].resize(s.c());
        for (int c = 0; c < s.c(); c++) {
          ChannelMath.forward(table, c, s.c(), mean[c], ChannelMath.invStd(var[c], p.eps()),
              gamma(gamma, c), beta(beta, c));
        }
        if (imageRuns(NORMALIZE, s.spatial())) {
          fillRuns(NORMALIZE, 0, 0, s.c(), 0);
        }
        ws.pool().run(s.n(), parallel(s), imageInference);
      } else if (planar(s)) {
        givenMean = mean;
        givenVar = var;
        runPlanar(planarInference, groupSize(s));
      } else {
        Pattern pt = shared.resize(loops.patternLength(s.c()));
        for (int c = 0; c < s.c(); c++) {
          ChannelMath.forward(pt, c, s.c(), mean[c], ChannelMath.invStd(var[c], p.eps()),
              gamma(gamma, c), beta(beta, c));
        }
        runBlocks(normalizeBlock);
      }
    } finally {
      end();
    }
  }

  @Override
  public void forwardTraining(TensorShape s, float[] x, int xOff, float[] gamma, float[] beta,
      float[] runningMean, float[] runningVar, BatchNormParams p, float[] y, int yOff,
      double[] savedMean, double[] savedInvStd) {
    BatchNormChecks.forwardTraining(s, x, xOff, gamma, beta, runningMean, runningVar, p, y, yOff,
        savedMean, savedInvStd);
    try {
      begin(s, x, xOff, null, 0, y, yOff, gamma, beta, p);
      this.mean = ws.doubles(MEAN, s.c());
      this.var = ws.doubles(VAR, s.c());
      this.runningMean = runningMean;
      this.runningVar = runningVar;
      this.savedMean = savedMean;
      this.savedInvStd = savedInvStd;
      if (planar(s)) {
        runPlanar(planarTraining, passGroupSize(false));
      } else {
        interleavedStatistics();
        Pattern pt = shared.resize(loops.patternLength(s.c()));
        for (int c = 0; c < s.c(); c++) {
          double inv = ChannelMath.invStd(var[c], p.eps());
          ChannelMath.forward(pt, c, s.c(), mean[c], inv, gamma(gamma, c), beta(beta, c));
          save(c, inv);
        }
        runBlocks(normalizeBlock);
      }
    } finally {
      end();
    }
  }

  @Override
  public void backward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] gamma, float[] beta, double[] savedMean, double[] savedInvStd, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta) {
    BatchNormChecks.backward(s, x, xOff, dy, dyOff, gamma, beta, savedMean, savedInvStd, p,
        dx, dxOff, dgamma, dbeta);
    try {
      begin(s, x, xOff, dy, dyOff, dx, dxOff, gamma, beta, p);
      backwardPass(savedMean, savedInvStd, true, dgamma, dbeta);
    } finally {
      end();
    }
  }

  @Override
  public void globalStatsBackward(TensorShape s, float[] x, int xOff, float[] dy, int dyOff,
      float[] mean, float[] var, float[] gamma, float[] beta, BatchNormParams p,
      float[] dx, int dxOff, float[] dgamma, float[] dbeta) {
    BatchNormChecks.globalStatsBackward(s, x, xOff, dy, dyOff, mean, var, gamma, beta, p,
        dx, dxOff, dgamma, dbeta);
    double[] means = ws.doubles(MEAN, s.c());
    double[] invStds = ws.doubles(INV_STD, s.c());
    for (int c = 0; c < s.c(); c++) {
      means[c] = mean[c];
      invStds[c] = ChannelMath.invStd(var[c], p.eps());
    }
    try {
      begin(s, x, xOff, dy, dyOff, dx, dxOff, gamma, beta, p);
      backwardPass(means, invStds, false, dgamma, dbeta);
    } finally {
      end();
    }
  }

  /** Takes the call's arguments; {@code out} is y in forward passes and dx in backward ones. */
  private void begin(TensorShape s, float[] x, int xOff, float[] dy, int dyOff, float[] out,
      int outOff, float[] gamma, float[] beta, BatchNormParams p) {
    this.s = s;
    this.x = x;
    this.xOff = xOff;
    this.dy = dy;
    this.dyOff = dyOff;
    this.out = out;
    this.outOff = outOff;
    this.gamma = gamma;
    this.beta = beta;
    this.p = p;
    this.act = p == null ? Activation.NONE : p.activation();
  }

  /** Drops the call's references, so that the context keeps no caller array alive. */
  private void end() {
    s = null;
    x = null;
    dy = null;
    out = null;
    gamma = null;
    beta = null;
    p = null;
    givenMean = null;
    givenVar = null;
    mean = null;
    var = null;
    invStd = null;
    runningMean = null;
    runningVar = null;
    savedMean = null;
    savedInvStd = null;
    dgamma = null;
    dbeta = null;
  }

  private void backwardPass(double[] mean, double[] invStd, boolean training, float[] dgamma,
      float[] dbeta) {
    this.mean = mean;
    this.invStd = invStd;
    this.training = training;
    // with an activation the sums pass also stores dz = dy * act'(z) into dx, for the dx pass to read
    this.needSums = training || dgamma != null || dbeta != null || act != Activation.NONE;
    this.dgamma = dgamma;
    this.dbeta = dbeta;
    int m = s.perChannel();
    if (planar(s)) {
      runPlanar(planarBackward, passGroupSize(true));
      return;
    }
    int channels = s.c();
    Pattern pt = shared.resize(loops.patternLength(channels));
    for (int c = 0; c < channels; c++) {
      ChannelMath.forward(pt, c, channels, mean[c], invStd[c], gamma(gamma, c), beta(beta, c));
    }
    double[] fold = ws.doubles(FOLD, 2 * channels);
    Arrays.fill(fold, 0, 2 * channels, 0);
    if (needSums) {
      foldBlocks(fold);
    }
    for (int c = 0; c < channels; c++) {
      double dGamma = ChannelMath.backward(pt, c, channels, training, m, mean[c], invStd[c],
          fold[c], fold[channels + c], gamma(gamma, c));
      storeGradients(dgamma, dbeta, c, dGamma, fold[c]);
    }
    runBlocks(backwardBlock);
  }

  private void runPlanar(WorkerPool.Task task, int groupSize) {
    group = groupSize;
    ws.pool().run((s.c() + groupSize - 1) / groupSize, parallel(s), task);
  }

  private void runBlocks(WorkerPool.Task task) {
    int size = s.size();
    block = blockLength(s, shared.length);
    ws.pool().run(blocks(size, block), parallel(s), task);
  }

  private int groupStart(int t) {
    return t * group;
  }

  private int groupEnd(int t) {
    return Math.min(s.c(), t * group + group);
  }

  private void planarMoments(int t, int w) {
    planarStatistics(groupStart(t), groupEnd(t), w);
  }

  private void planarInference(int t, int w) {
    int c0 = groupStart(t);
    int c1 = groupEnd(t);
    Pattern table = tables[w].resize(c1 - c0);
    for (int c = c0; c < c1; c++) {
      ChannelMath.forward(table, c - c0, c1 - c0, givenMean[c],
          ChannelMath.invStd(givenVar[c], p.eps()), gamma(gamma, c), beta(beta, c));
    }
    planes(NORMALIZE, c0, c0, c1, w);
  }

  /**
   * Image n of a streamed inference, its planes in memory order, with the coefficients of every
   * channel in worker 0's table and run pattern, which every worker only reads.
   */
  private void imageInference(int n, int w) {
    int hw = s.spatial();
    int at = n * s.c() * hw;
    if (imageRuns(NORMALIZE, hw)) {
      loops.normalize(x, xOff + at, out, outOff + at, 1, 0, s.c() * hw, runPatterns[0], act);
      return;
    }
    Pattern table = tables[0];
    Pattern pt = planePattern(w);
    for (int c = 0; c < s.c(); c++, at += hw) {
      pt.forward(0, 1, table.shift[c], table.scale[c], table.bias[c]);
      loops.normalize(x, xOff + at, out, outOff + at, 1, 0, hw, pt, act);
    }
  }

  private void planarTraining(int t, int w) {
    int c0 = groupStart(t);
    int c1 = groupEnd(t);
    planarStatistics(c0, c1, w);
    Pattern table = tables[w].resize(c1 - c0);
    for (int c = c0; c < c1; c++) {
      double inv = ChannelMath.invStd(var[c], p.eps());
      ChannelMath.forward(table, c - c0, c1 - c0, mean[c], inv, gamma(gamma, c), beta(beta, c));
      save(c, inv);
    }
    planes(NORMALIZE, c0, c0, c1, w);
  }

  private void planarBackward(int t, int w) {
    int c0 = groupStart(t);
    int c1 = groupEnd(t);
    int k = c1 - c0;
    Pattern table = tables[w].resize(k);
    for (int c = c0; c < c1; c++) {
      ChannelMath.forward(table, c - c0, k, mean[c], invStd[c], gamma(gamma, c), beta(beta, c));
    }
    int l = planePattern(w).length;
    double[] acc = ws.workerDoubles(w, 2 * l * k);
    Arrays.fill(acc, 0, 2 * l * k, 0);
    if (needSums) {
      planes(BACKWARD_SUMS, c0, c0, c1, w);
    }
    int m = s.perChannel();
    for (int c = c0; c < c1; c++) {
      int q = c - c0;
      double sumDz = sum(acc, 2 * l * q, l);
      double dGamma = ChannelMath.backward(table, q, k, training, m, mean[c], invStd[c], sumDz,
          sum(acc, 2 * l * q + l, l), gamma(gamma, c));
      storeGradients(dgamma, dbeta, c, dGamma, sumDz);
    }
    planes(BACKWARD, c0, c0, c1, w);
  }

  /** Mean and variance of the channels [c0, c1) into mean and var, on worker w. */
  private void planarStatistics(int c0, int c1, int w) {
    int hw = s.spatial();
    int m = s.perChannel();
    int k = c1 - c0;
    int l = planePattern(w).length;
    Pattern table = tables[w].resize(k);
    double[] acc = ws.workerDoubles(w, 2 * l * k);
    Arrays.fill(acc, 0, 2 * l * k, 0);
    for (int c = c0; c < c1; c++) {
      table.shift[c - c0] = x[xOff + c * hw];
    }
    planes(SUMS, c0, c0, c1, w);
    for (int c = c0; c < c1; c++) {
      int q = c - c0;
      double s1 = sum(acc, 2 * l * q, l);
      double s2 = sum(acc, 2 * l * q + l, l);
      if (!ChannelMath.overflowed(s1, s2) && ChannelMath.cancelled(s1, s2, m)) {
        table.shift[q] = (float) ChannelMath.mean(table.shift[q], s1, m);
        Arrays.fill(acc, 2 * l * q, 2 * l * (q + 1), 0);
        planes(SUMS, c0, c, c + 1, w);
        s1 = sum(acc, 2 * l * q, l);
        s2 = sum(acc, 2 * l * q + l, l);
      }
      if (ChannelMath.overflowed(s1, s2)) {
        exactStatistics(s, x, xOff, c, mean, var);
      } else {
        mean[c] = ChannelMath.mean(table.shift[q], s1, m);
        var[c] = ChannelMath.variance(s1, s2, m);
      }
    }
  }

  /**
   * Runs {@code op} over the planes of channels [from, to) of the group starting at c0, with the
   * coefficients of the worker's table (slot c - c0) and its accumulators (2 L values per channel):
   * in memory order for large tensors (an image's planes in one loop call where {@link #imageRuns}
   * allows, else plane by plane; the streamed backward sums two images' planes a call, as rows, which
   * the Panama loop reads side by side) and for the image-ordered passes of {@link #imageOrdered},
   * else once per channel with its N planes as rows. The normalize and dx passes walk the images from
   * the last back ({@link #secondPass}).
   */
  private void planes(int op, int c0, int from, int to, int w) {
    int hw = s.spatial();
    boolean runs = imageRuns(op, hw);
    boolean inOrder = streamed(s) || (secondPass(op) || op == BACKWARD_SUMS && runs)
        && imageOrdered(op == BACKWARD || op == BACKWARD_SUMS);
    if (inOrder && runs) {
      runImages(op, c0, from, to, w);
    } else if (inOrder) {
      int images = op == BACKWARD_SUMS ? 2 : 1;
      for (int i = 0; i < s.n(); i += images) {
        int n = secondPass(op) ? s.n() - 1 - i : i;
        int rows = Math.min(images, s.n() - n);
        for (int c = from; c < to; c++) {
          plane(op, c - c0, (n * s.c() + c) * hw, rows, s.c() * hw, w);
        }
      }
    } else if (secondPass(op)) {
      for (int c = from; c < to; c++) {
        plane(op, c - c0, ((s.n() - 1) * s.c() + c) * hw, s.n(), -s.c() * hw, w);
      }
    } else {
      for (int c = from; c < to; c++) {
        plane(op, c - c0, c * hw, s.n(), s.c() * hw, w);
      }
    }
  }

  /**
   * True for the normalize and dx passes, which walk the images from the last back: after the sums
   * pass over the same planes from the first image on, the last images' planes are in the nearest
   * cache. On the Intel Xeon (2 MiB L2 per core) this took a 3 MiB group's forward training on B4
   * from 2.74-2.83 to 2.50-2.56 ms, on B5 from 7.83-9.34 to 7.43-8.22 ms, and B2's backward, then
   * channel by channel (its planes lie an image apart in a few L1 sets, where only the last read
   * stay), from 23.3-25.6 to 21.7-24.1 us (docs/batchnorm.md). Inference by images has no sums pass
   * before it and walks forward; with fewer than {@link #IMAGE_TASKS} images (tasks per channel
   * group) it walks back too, which serves no purpose there and keeps one rule.
   */
  private static boolean secondPass(int op) {
    return op == NORMALIZE || op == BACKWARD;
  }

  /**
   * True when a streamed or image-ordered pass can cover an image's planes of a group in one loop
   * call through a run pattern: planes of whole vectors; for the sums, at most {@link #FLUSH} values
   * per float lane and plane; for normalize, no fused sigmoid (whose loops take a pattern slot by
   * slot). Otherwise the loops run plane by plane, each plane's coefficients copied into a pattern
   * first: a set-up that cost about a sixth of B5's streaming time (planes of 784 values). The
   * backward sums take run patterns in cache only (the image-ordered backward, as many images a call
   * as {@link #FLUSH} allows, no fused sigmoid): on streamed tensors they stay plane by plane, as a
   * run loop for them measured slower on B5 (11.7-12.1 against 10.8 ms for the whole backward pass,
   * best-of-15 timing loop), for reasons not found.
   */
  private boolean imageRuns(int op, int hw) {
    int width = loops.patternLength(1);
    if (hw % width != 0) {
      return false;
    }
    return switch (op) {
      case SUMS -> hw / width <= FLUSH;
      case NORMALIZE -> act != Activation.SIGMOID;
      case BACKWARD -> true;
      default -> !streamed(s) && act != Activation.SIGMOID && hw / width <= FLUSH; // backward sums
    };
  }

  /**
   * The memory-order walk of {@link #planes} with a run pattern (see {@link Pattern}): per image, one
   * loop call over the planes of channels [from, to), a run per plane (or per four vectors, see
   * {@link #quadPlanes}), each with its channel's coefficients from the table. The sums move to the
   * double accumulators after every call. The in-cache backward sums take as many images a call as
   * {@link #FLUSH} allows. Where the sums read from memory (tensors past the L3, {@link #PAST_CACHE},
   * and the groups of {@link #L2_GROUP}) they take {@link #SUM_STREAMS} images a call, as rows, which
   * the Panama loop reads side by side (each plane's sums on their own, within {@link #FLUSH}): on the
   * reference machine one read stream from memory used about half of the bandwidth. The moments of a
   * tensor that stays partly in the L3 between calls (B4, in halves) read no faster so, and slower in
   * some runs, so they keep one image a call. Planes that image runs do not take ({@link #imageRuns})
   * are summed plane by plane, in one stream.
   */
  private void runImages(int op, int c0, int from, int to, int w) {
    int hw = s.spatial();
    int k = to - from;
    int len = k * hw;
    Pattern runs = fillRuns(op, c0, from, to, w);
    if (op == SUMS || op == BACKWARD_SUMS) {
      float[] work = ws.workerFloats(w, 2 * runs.length);
      Arrays.fill(work, 0, 2 * runs.length, 0f);
      double[] acc = ws.workerDoubles(w, 0);
      int image = s.c() * hw;
      // a group's planes come from memory even when the tensor would fit the L3; the backward sums
      // (in cache) take as many images a call as FLUSH allows, which moves fewer sums to double
      int images = op == BACKWARD_SUMS ? FLUSH / (runs.run / runs.width)
          : s.size() >= PAST_CACHE || group < groupSize(s) ? SUM_STREAMS : 1;
      for (int n = 0; n < s.n(); n += images) {
        int rows = Math.min(images, s.n() - n);
        int at = (n * s.c() + from) * hw;
        if (op == SUMS) {
          loops.sums(x, xOff + at, rows, image, len, runs, work);
        } else {
          loops.backwardSums(x, xOff + at, dy, dyOff + at, rows, image, len, runs, act, work,
              act == Activation.NONE ? null : out, outOff + at);
        }
        flushRuns(work, k, hw / runs.run, runs.width, acc, 2 * runs.width * (from - c0));
      }
      return;
    }
    for (int n = s.n() - 1; n >= 0; n--) {
      int at = (n * s.c() + from) * hw;
      switch (op) {
        case NORMALIZE -> loops.normalize(x, xOff + at, out, outOff + at, 1, 0, len, runs, act);
        case BACKWARD -> loops.backward(x, xOff + at, dzSource(), dzOffset() + at, out, outOff + at,
            1, 0, len, runs);
        default -> throw new AssertionError("no image runs for pass " + op);
      }
    }
  }

  /**
   * Worker w's run pattern for op over channels [from, to), from its table (slot c - c0): a run per
   * plane, or for the backward passes per {@link BatchNormLoops#quadRun} values of a plane where
   * {@link #quadPlanes} says so, each run with its channel's coefficients.
   */
  private Pattern fillRuns(int op, int c0, int from, int to, int w) {
    int k = to - from;
    int hw = s.spatial();
    int run = (op == BACKWARD || op == BACKWARD_SUMS) && quadPlanes(hw) ? loops.quadRun() : hw;
    int perPlane = hw / run;
    Pattern table = tables[w];
    int count = k * perPlane;
    Pattern runs = runPatterns[w].resizeRuns(count, loops.patternLength(1), run);
    for (int q = 0; q < count; q++) {
      int t = from - c0 + q / perPlane;
      if (op == SUMS) {
        runs.forward(q, count, table.shift[t], 1f, 0f);
      } else {
        runs.forward(q, count, table.shift[t], table.scale[t], table.bias[t]);
      }
      if (op == BACKWARD) {
        runs.backward(q, count, table.invStd[t], table.xhatShift[t], table.a[t], table.b[t],
            table.c[t]);
      }
    }
    return runs;
  }

  /**
   * Adds a run pattern's float sums (work: the first sums of its k * perPlane runs, then the second,
   * a channel's perPlane runs in a row) to the planar accumulators from accOff (per channel: its first
   * sums, then its second, width each), and clears them.
   */
  private static void flushRuns(float[] work, int k, int perPlane, int width, double[] acc,
      int accOff) {
    int l = k * perPlane * width;
    for (int q = 0, j = 0; q < k; q++) {
      int at = accOff + 2 * width * q;
      for (int r = 0; r < perPlane; r++) {
        for (int i = 0; i < width; i++, j++) {
          acc[at + i] += work[j];
          acc[at + width + i] += work[l + j];
        }
      }
    }
    Arrays.fill(work, 0, 2 * l, 0f);
  }

  /** One step of {@link #planes}: slot q's runs at offset {@code at} from the tensors' starts. */
  private void plane(int op, int q, int at, int rows, int stride, int w) {
    int hw = s.spatial();
    Pattern table = tables[w];
    Pattern pt = planePattern(w);
    int l = pt.length;
    switch (op) {
      case SUMS -> {
        pt.forward(0, 1, table.shift[q], 1f, 0f);
        sumRuns(x, xOff + at, null, 0, 0, rows, stride, hw, pt, Activation.NONE,
            ws.workerDoubles(w, 0), 2 * l * q, w);
      }
      case BACKWARD_SUMS -> {
        pt.forward(0, 1, table.shift[q], table.scale[q], table.bias[q]);
        sumRuns(x, xOff + at, dy, dyOff + at, outOff + at, rows, stride, hw, pt, act,
            ws.workerDoubles(w, 0),
            2 * l * q, w);
      }
      case NORMALIZE -> {
        pt.forward(0, 1, table.shift[q], table.scale[q], table.bias[q]);
        loops.normalize(x, xOff + at, out, outOff + at, rows, stride, hw, pt, act);
      }
      default -> {
        pt.forward(0, 1, table.shift[q], table.scale[q], table.bias[q]);
        pt.backward(0, 1, table.invStd[q], table.xhatShift[q], table.a[q], table.b[q], table.c[q]);
        loops.backward(x, xOff + at, dzSource(), dzOffset() + at, out, outOff + at, rows, stride, hw,
            pt);
      }
    }
  }

  /** True for planar tensors walked in memory order (see the class comment). */
  private static boolean streamed(TensorShape s) {
    return s.size() >= LARGE && s.spatial() >= LONG_PLANE;
  }

  /** Channels per planar moments or inference task: half of them for streamed tensors, else one. */
  private static int groupSize(TensorShape s) {
    return streamed(s) ? (s.c() + 1) / 2 : 1;
  }

  /**
   * True when an in-cache planar tensor on one thread (at least {@link #IMAGE_TASKS} images) runs its
   * forward training ({@code backward} false) or backward as one group: the forward sums channel by
   * channel (image by image they took B1 and B2 longer), the backward sums image by image through run
   * patterns where {@link #imageRuns} allows (else channel by channel), then the normalize or dx pass
   * image by image in memory order, as inference does. On the Intel Xeon this made forward training
   * on B1 and B2 and backward on B1 faster, but backward on B2 slower with a run per plane: its short
   * planes (64 values) paid each run loop's entry every four vectors. So backward takes it from
   * planes of {@link #LONG_PLANE} values on, and on shorter planes only where {@link #quadPlanes} cuts
   * them into runs that the loops take as straight-line code (docs/batchnorm.md).
   */
  private boolean imageOrdered(boolean backward) {
    return !streamed(s) && !parallel(s) && s.n() >= IMAGE_TASKS
        && (!backward || s.spatial() >= LONG_PLANE || quadPlanes(s.spatial()));
  }

  /**
   * True when an image-ordered backward ({@link #imageOrdered}) cuts planes of hw values into runs of
   * the loops' {@link BatchNormLoops#quadRun} (four vectors in the Panama loops): planes shorter than
   * {@link #LONG_PLANE} values of a whole number of them. The loops take such runs as straight-line
   * code, where a run per plane paid an inner loop's entry on every plane: on the Intel Xeon B2's
   * backward (planes of four 512-bit vectors) took 19.0-20.0 us against 23.2-27.0 channel by channel
   * (JMH, 3 rounds; docs/batchnorm.md, "Short planes as runs of four vectors"). On B1's planes (576
   * values) such runs were slower than a run per plane.
   */
  private boolean quadPlanes(int hw) {
    int quad = loops.quadRun();
    return quad > 0 && hw < LONG_PLANE && hw % quad == 0;
  }

  /**
   * Channels per planar forward training or backward task: all of them for an image-ordered tensor
   * ({@link #imageOrdered}); for streamed tensors, as many as keep a group's x and dy within
   * {@link #L2_GROUP} elements each (at least one, at most half of them); else one.
   */
  private int passGroupSize(boolean backward) {
    if (imageOrdered(backward)) {
      return s.c();
    }
    if (!streamed(s)) {
      return 1;
    }
    return Math.max(1, Math.min(groupSize(s), L2_GROUP / s.perChannel()));
  }

  /** Interleaved batch statistics into mean and var, shifted as the planar ones (see ChannelMath). */
  private void interleavedStatistics() {
    int channels = s.c();
    int m = s.perChannel();
    Pattern pt = shared.resize(loops.patternLength(channels));
    for (int c = 0; c < channels; c++) {
      pt.forward(c, channels, x[xOff + c], 1f, 0f);
    }
    double[] fold = ws.doubles(FOLD, 2 * channels);
    Arrays.fill(fold, 0, 2 * channels, 0);
    foldBlocks(fold);
    boolean redo = false;
    for (int c = 0; c < channels; c++) {
      double s1 = fold[c];
      double s2 = fold[channels + c];
      if (!ChannelMath.overflowed(s1, s2) && ChannelMath.cancelled(s1, s2, m)) {
        pt.forward(c, channels, (float) ChannelMath.mean(pt.shift[c], s1, m), 1f, 0f);
        redo = true;
      }
    }
    if (redo) {
      Arrays.fill(fold, 0, 2 * channels, 0);
      foldBlocks(fold);
    }
    for (int c = 0; c < channels; c++) {
      double s1 = fold[c];
      double s2 = fold[channels + c];
      if (ChannelMath.overflowed(s1, s2)) {
        exactStatistics(s, x, xOff, c, mean, var);
      } else {
        mean[c] = ChannelMath.mean(pt.shift[c], s1, m);
        var[c] = ChannelMath.variance(s1, s2, m);
      }
    }
  }

  /**
   * The sums of {@code rows} runs of {@code len} elements, {@code stride} apart, added to acc at accOff
   * (2 L values): {@code loops.sums} when dy is null, else {@code loops.backwardSums}, which with an
   * activation also stores dz into {@code out} (dx) from dzOff on. Each call adds at most
   * {@link #FLUSH} values to any pattern slot (a run of len values adds ceil(len / L) to slot 0) over
   * whole runs, or the same whole patterns of each of its runs, after which the float sums move to
   * double. A backward sums call takes at least two runs where there are two, which the Panama loop
   * reads side by side.
   */
  private void sumRuns(float[] x, int xOff, float[] dy, int dyOff, int dzOff, int rows, int stride,
      int len, Pattern p, Activation act, double[] acc, int accOff, int w) {
    int l = p.length;
    float[] work = ws.workerFloats(w, 2 * l);
    Arrays.fill(work, 0, 2 * l, 0f);
    int perRun = Math.max(1, (len + l - 1) / l);
    int rowsPerCall = Math.min(rows, Math.max(dy == null ? 1 : 2, FLUSH / perRun));
    int lenPerCall = (int) Math.min(len, (long) (FLUSH / rowsPerCall) * l);
    for (int r = 0; r < rows; r += rowsPerCall) {
      int k = Math.min(rowsPerCall, rows - r);
      for (int start = 0; start < len; start = (int) Math.min(len, (long) start + lenPerCall)) {
        int n = Math.min(lenPerCall, len - start);
        int at = r * stride + start;
        if (dy == null) {
          loops.sums(x, xOff + at, k, stride, n, p, work);
        } else {
          loops.backwardSums(x, xOff + at, dy, dyOff + at, k, stride, n, p, act, work,
              act == Activation.NONE ? null : out, dzOff + at);
        }
        flush(work, l, acc, accOff);
      }
    }
  }

  private static void flush(float[] work, int l, double[] acc, int accOff) {
    for (int j = 0; j < 2 * l; j++) {
      acc[accOff + j] += work[j];
      work[j] = 0;
    }
  }

  /**
   * Sums the interleaved blocks, consecutive ones into the same partials (a task's), then adds the
   * partials per channel in task order: fold[c] gets the first sums, fold[C + c] the second.
   */
  private void foldBlocks(double[] fold) {
    int channels = s.c();
    int l = shared.length;
    block = blockLength(s, l);
    int blocks = blocks(s.size(), block);
    blocksPerTask = (blocks + SUM_TASKS - 1) / SUM_TASKS;
    int tasks = (blocks + blocksPerTask - 1) / blocksPerTask;
    partial = ws.doubles(PARTIAL, tasks * 2 * l);
    Arrays.fill(partial, 0, tasks * 2 * l, 0);
    ws.pool().run(tasks, parallel(s), blockSums);
    for (int t = 0; t < tasks; t++) {
      int base = t * 2 * l;
      for (int j = 0; j < l; j += channels) {
        for (int c = 0; c < channels; c++) {
          fold[c] += partial[base + j + c];
          fold[channels + c] += partial[base + l + j + c];
        }
      }
    }
  }

  /**
   * A task's blocks, in order, into its partials: the statistics of a whole block of
   * {@link #quartered} blocking take its quarters as rows, read side by side; the rest take the
   * block as one run.
   */
  private void blockSums(int t, int w) {
    int l = shared.length;
    int first = t * blocksPerTask;
    int last = Math.min(blocks(s.size(), block), first + blocksPerTask);
    for (int b = first; b < last; b++) {
      int start = b * block;
      int len = Math.min(block, s.size() - start);
      if (dy == null) {
        int rows = len == block && quartered(s, l) ? SUM_STREAMS : 1;
        sumRuns(x, xOff + start, null, 0, 0, rows, len / rows, len / rows, shared, Activation.NONE,
            partial, t * 2 * l, w);
      } else {
        sumRuns(x, xOff + start, dy, dyOff + start, outOff + start, 1, 0, len, shared, act,
            partial, t * 2 * l, w);
      }
    }
  }

  private void normalizeBlock(int b, int w) {
    int start = b * block;
    loops.normalize(x, xOff + start, out, outOff + start, 1, 0, Math.min(block, s.size() - start),
        shared, act);
  }

  private void backwardBlock(int b, int w) {
    int start = b * block;
    loops.backward(x, xOff + start, dzSource(), dzOffset() + start, out, outOff + start, 1, 0,
        Math.min(block, s.size() - start), shared);
  }

  /** Where the dx pass reads dz: dy itself without an activation, else dx (see backwardPass). */
  private float[] dzSource() {
    return act == Activation.NONE ? dy : out;
  }

  private int dzOffset() {
    return act == Activation.NONE ? dyOff : outOff;
  }

  /**
   * Two-pass statistics in double, element by element: the way out when float sums of squares overflow
   * (values beyond about 1e19).
   */
  private static void exactStatistics(TensorShape s, float[] x, int xOff, int c, double[] mean,
      double[] var) {
    int m = s.perChannel();
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += x[elementOffset(s, xOff, c, i)];
    }
    double mu = sum / m;
    double sq = 0;
    for (int i = 0; i < m; i++) {
      double d = x[elementOffset(s, xOff, c, i)] - mu;
      sq += d * d;
    }
    mean[c] = mu;
    var[c] = sq / m;
  }

  /** Offset of the i-th value of channel c, values in (n, h, w) order. */
  private static int elementOffset(TensorShape s, int xOff, int c, int i) {
    if (planar(s)) {
      int hw = s.spatial();
      return xOff + (i / hw * s.c() + c) * hw + i % hw;
    }
    return xOff + i * s.c() + c;
  }

  /** The running statistics and the saved ones of channel c after its batch statistics. */
  private void save(int c, double inv) {
    if (runningMean != null) {
      ChannelMath.updateRunning(p.convention(), p.momentum(), runningMean, runningVar, c, mean[c],
          var[c], s.perChannel());
    }
    if (savedMean != null) {
      savedMean[c] = mean[c];
      savedInvStd[c] = inv;
    }
  }

  private static void storeGradients(float[] dgamma, float[] dbeta, int c, double dGamma,
      double dBeta) {
    if (dgamma != null) {
      dgamma[c] = (float) dGamma;
    }
    if (dbeta != null) {
      dbeta[c] = (float) dBeta;
    }
  }

  /** The worker's pattern for one plane: one channel's coefficients in every slot. */
  private Pattern planePattern(int worker) {
    return perWorker[worker].resize(loops.patternLength(1));
  }

  private static boolean planar(TensorShape s) {
    return s.layout() == Layout.NCHW && s.spatial() > 1;
  }

  private static boolean parallel(TensorShape s) {
    return s.size() >= PARALLEL_MIN;
  }

  /**
   * About {@link #BLOCK} elements of whole patterns (one pattern where a pattern is longer); with
   * {@link #quartered} blocking, of whole groups of {@link #SUM_STREAMS} patterns, so that a block's
   * quarters are whole patterns too.
   */
  private static int blockLength(TensorShape s, int patternLength) {
    if (patternLength >= BLOCK) {
      return patternLength;
    }
    int unit = quartered(s, patternLength) ? SUM_STREAMS * patternLength : patternLength;
    return (BLOCK + unit - 1) / unit * unit;
  }

  /**
   * Whether the interleaved statistics read each whole block as {@link #SUM_STREAMS} quarters side by
   * side: past {@link #PAST_CACHE}, where one read stream leaves the memory bus half idle, and for
   * patterns short of a block but long enough that a quarter (about BLOCK / 4 values) adds at most
   * FLUSH / 4 values to a slot, so that {@link #sumRuns} passes all four quarters in one call.
   */
  private static boolean quartered(TensorShape s, int patternLength) {
    return s.size() >= PAST_CACHE && patternLength < BLOCK
        && patternLength >= BLOCK / FLUSH;
  }

  private static int blocks(int size, int block) {
    return (int) (((long) size + block - 1) / block);
  }

  private static double sum(double[] a, int from, int count) {
    double s = 0;
    for (int i = from; i < from + count; i++) {
      s += a[i];
    }
    return s;
  }
}
