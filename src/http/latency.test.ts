import { LatencyRecorder, NO_LATENCY } from './latency.js';

describe('LatencyRecorder', () => {
  it('has no figures before the first answer', () => {
    expect(new LatencyRecorder().figures()).toEqual(NO_LATENCY);
  });

  it('starts the average at the first answer and moves it by alpha toward each new one', () => {
    const latency = new LatencyRecorder({ alpha: 0.5 });
    latency.record(100);
    expect(latency.figures()).toEqual({ samples: 1, ewmaMs: 100, p50Ms: 100, p90Ms: 100 });
    latency.record(200);
    latency.record(0);
    // 100 → 0.5·200 + 0.5·100 = 150 → 0.5·0 + 0.5·150 = 75
    expect(latency.figures()).toMatchObject({ samples: 3, ewmaMs: 75, p50Ms: 100, p90Ms: 200 });
  });

  it('takes the percentiles over the last `window` answers only, counting every answer', () => {
    const latency = new LatencyRecorder({ window: 10 });
    for (let i = 0; i < 10; i += 1) latency.record(1000);
    for (let i = 1; i <= 10; i += 1) latency.record(i * 10); // 10, 20, …, 100 replace the 1000s
    expect(latency.figures()).toMatchObject({ samples: 20, p50Ms: 50, p90Ms: 90 });
  });

  it('ignores a time that is not a duration', () => {
    const latency = new LatencyRecorder();
    latency.record(Number.NaN);
    latency.record(-5);
    expect(latency.figures().samples).toBe(0);
  });

  it('gives a fresh snapshot each time, so an earlier copy does not change', () => {
    const latency = new LatencyRecorder();
    latency.record(10);
    const before = latency.figures();
    latency.record(500);
    expect(before).toEqual({ samples: 1, ewmaMs: 10, p50Ms: 10, p90Ms: 10 });
  });
});
