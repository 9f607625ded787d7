/* FSRS-6, the scheduler Anki uses: a port of the reference implementation (the Python package `fsrs`, 6.x,
 * Scheduler with its default parameters, desired retention 0.9, no learning or relearning steps and no fuzz),
 * counting in whole days. tests/browser/test_daily.py plays 30 days against the Python package.
 * A card is [stability, difficulty, day of the last review, day due]; a rating 1 (Again) … 4 (Easy). */

var W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
  0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
var DECAY = -W[20];
var FACTOR = Math.pow(0.9, 1 / DECAY) - 1;

function clampD(d) {
  return Math.min(10, Math.max(1, d));
}

function clampS(s) {
  return Math.max(s, 0.001);
}

function initialD(r) {
  return W[4] - Math.exp(W[5] * (r - 1)) + 1;
}

// Days until recall is expected to fall to the desired retention (0.9): from 1 to 36,500.
function interval(s) {
  return Math.min(Math.max(Math.round((s / FACTOR) * (Math.pow(0.9, 1 / DECAY) - 1)), 1), 36500);
}

function nextS(s, d, elapsed, r) {
  if (elapsed < 1) {
    var grow = Math.exp(W[17] * (r - 3 + W[18])) * Math.pow(s, -W[19]); // a second review the same day
    return clampS(s * (r > 1 ? Math.max(grow, 1) : grow));
  }
  var R = Math.pow(1 + (FACTOR * elapsed) / s, DECAY); // retrievability now
  if (r == 1)
    return clampS(
      Math.min(
        W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) * Math.exp((1 - R) * W[14]),
        s / Math.exp(W[17] * W[18])
      )
    );
  var bonus = r == 2 ? W[15] : r == 4 ? W[16] : 1;
  return clampS(s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) * (Math.exp((1 - R) * W[10]) - 1) * bonus));
}

// The card after a review rated r on `day` (none: a question never reviewed).
function review(card, r, day) {
  var s, d;
  if (!card) {
    s = clampS(W[r - 1]);
    d = clampD(initialD(r));
  } else {
    s = nextS(card[0], card[1], day - card[2], r);
    d = clampD(W[7] * initialD(4) + (1 - W[7]) * (card[1] + ((10 - card[1]) * -W[6] * (r - 3)) / 9));
  }
  return [s, d, day, day + interval(s)];
}
