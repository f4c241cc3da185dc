//! Rollup cells by region, month and measure, and the exact deltas that keep them current.
