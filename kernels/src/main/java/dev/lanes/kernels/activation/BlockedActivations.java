package dev.lanes.kernels.activation;

import dev.lanes.kernels.Activations;
import dev.lanes.kernels.internal.Checks;
import dev.lanes.kernels.internal.Elementwise;
import dev.lanes.kernels.internal.Workspace;
import dev.lanes.kernels.parallel.WorkerPool;

/**
 * Sigmoid and ReLU over {@link ActivationLoops}: validates, then runs the span in the fixed blocks of
 * {@link Elementwise}, on the context's workers from {@link Elementwise#PARALLEL_MIN} elements. One
 * task object serves every call, so a call allocates nothing.
 */
final class BlockedActivations implements Activations {
  private enum Op { SIGMOID, SIGMOID_BACKWARD, RELU, RELU_BACKWARD }

  private final ActivationLoops loops;
  private final Workspace ws;
  private final WorkerPool.Task blockTask = this::block;
  private Op op;
  private float[] in1;
  private int in1Off;
  private float[] in2;
  private int in2Off;
  private float[] out;
  private int outOff;
  private int count;

  BlockedActivations(ActivationLoops loops, Workspace ws) {
    this.loops = loops;
    this.ws = ws;
  }

  @Override
  public String toString() {
    return "Activations[" + loops.describe() + ", " + ws.pool().parallelism() + " threads]";
  }

  @Override
  public void sigmoidForward(float[] x, int xOff, float[] y, int yOff, int count) {
    checkForward(x, xOff, y, yOff, count);
    run(Op.SIGMOID, x, xOff, null, 0, y, yOff, count);
  }

  @Override
  public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int count) {
    checkBackward("y", y, yOff, dy, dyOff, dx, dxOff, count);
    run(Op.SIGMOID_BACKWARD, y, yOff, dy, dyOff, dx, dxOff, count);
  }

  @Override
  public void reluForward(float[] x, int xOff, float[] y, int yOff, int count) {
    checkForward(x, xOff, y, yOff, count);
    run(Op.RELU, x, xOff, null, 0, y, yOff, count);
  }

  @Override
  public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff,
      int count) {
    checkBackward("x", x, xOff, dy, dyOff, dx, dxOff, count);
    run(Op.RELU_BACKWARD, x, xOff, dy, dyOff, dx, dxOff, count);
  }

  private void run(Op op, float[] in1, int in1Off, float[] in2, int in2Off, float[] out, int outOff,
      int count) {
    this.op = op;
    this.in1 = in1;
    this.in1Off = in1Off;
    this.in2 = in2;
    this.in2Off = in2Off;
    this.out = out;
    this.outOff = outOff;
    this.count = count;
    try {
      ws.pool().run(Elementwise.blocks(count), Elementwise.parallel(count), blockTask);
    } finally {
      this.in1 = null;
      this.in2 = null;
      this.out = null;
    }
  }

  private void block(int b, int worker) {
    int at = b * Elementwise.BLOCK;
    int len = Elementwise.length(b, count);
    switch (op) {
      case SIGMOID -> loops.sigmoidForward(in1, in1Off + at, out, outOff + at, len);
      case SIGMOID_BACKWARD ->
          loops.sigmoidBackward(in1, in1Off + at, in2, in2Off + at, out, outOff + at, len);
      case RELU -> loops.reluForward(in1, in1Off + at, out, outOff + at, len);
      case RELU_BACKWARD ->
          loops.reluBackward(in1, in1Off + at, in2, in2Off + at, out, outOff + at, len);
    }
  }

  private static void checkForward(float[] x, int xOff, float[] y, int yOff, int count) {
    Checks.positive("count", count);
    Checks.span("x", x, xOff, count);
    Checks.span("y", y, yOff, count);
    Checks.sameOrDisjoint("y", y, yOff, "x", x, xOff, count);
  }

  private static void checkBackward(String inName, float[] in, int inOff, float[] dy, int dyOff,
      float[] dx, int dxOff, int count) {
    Checks.positive("count", count);
    Checks.span(inName, in, inOff, count);
    Checks.span("dy", dy, dyOff, count);
    Checks.span("dx", dx, dxOff, count);
    Checks.sameOrDisjoint("dx", dx, dxOff, inName, in, inOff, count);
    Checks.sameOrDisjoint("dx", dx, dxOff, "dy", dy, dyOff, count);
  }
}
