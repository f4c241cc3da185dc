//! A shaping TCP proxy on loopback, standing in for a 2G cell: each byte waits for its turn
//! on a link whose rate is shared by both directions, then for the one-way delay; while the
//! link is "dead" nothing moves (what is sent waits, as TCP's retransmissions would make it
//! wait). It counts the bytes each way. Packet loss cannot be shaped this way: over TCP it
//! shows as added delay, which the delay and the rate stand in for.
//!
//! Written with tokio; needs no privileges.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// The link's shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// One-way delay.
    pub delay: Duration,
    /// Bits per second, shared by both directions.
    pub bits_per_s: u64,
}

/// What the link carried, and the switch that kills it.
pub struct Link {
    pub up: AtomicU64,
    pub down: AtomicU64,
    dead: AtomicBool,
    /// The connection carrying the byte at this count (up and down together) is cut there,
    /// once; `u64::MAX`: never.
    cut_at: AtomicU64,
    carried: AtomicU64,
    /// The same, counting only bytes down (from the server): a lost answer.
    cut_down_at: AtomicU64,
    /// When the shared link is next free to send.
    free_at: Mutex<Option<Instant>>,
}

impl Default for Link {
    fn default() -> Self {
        Self {
            up: AtomicU64::new(0),
            down: AtomicU64::new(0),
            dead: AtomicBool::new(false),
            cut_at: AtomicU64::new(u64::MAX),
            carried: AtomicU64::new(0),
            cut_down_at: AtomicU64::new(u64::MAX),
            free_at: Mutex::new(None),
        }
    }
}

impl Link {
    /// Cuts the connection that carries the `n`-th byte from now (counting both ways), once.
    pub fn cut_after(&self, n: u64) {
        self.cut_at
            .store(self.carried.load(Ordering::Relaxed) + n, Ordering::Relaxed);
    }

    /// Cuts the connection carrying the `n`-th byte the server sends from now, once: the
    /// request arrived, its answer is lost.
    pub fn cut_down_after(&self, n: u64) {
        self.cut_down_at
            .store(self.down.load(Ordering::Relaxed) + n, Ordering::Relaxed);
    }

    pub fn bytes(&self) -> (u64, u64) {
        (
            self.up.load(Ordering::Relaxed),
            self.down.load(Ordering::Relaxed),
        )
    }

    pub fn reset(&self) {
        self.up.store(0, Ordering::Relaxed);
        self.down.store(0, Ordering::Relaxed);
    }

    pub fn set_dead(&self, dead: bool) {
        self.dead.store(dead, Ordering::Relaxed);
    }

    /// Reserves the link for `n` bytes: the time their last bit leaves.
    fn reserve(&self, n: usize, shape: Shape) -> Instant {
        let mut free = self.free_at.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let start = free.map_or(now, |f| f.max(now));
        let done = start + Duration::from_secs_f64(n as f64 * 8.0 / shape.bits_per_s as f64);
        *free = Some(done);
        done
    }
}

/// A running proxy: connect to `addr` instead of the server.
pub struct Shaper {
    pub addr: SocketAddr,
    pub link: Arc<Link>,
    _runtime: tokio::runtime::Runtime,
}

impl Shaper {
    pub fn start(target: SocketAddr, shape: Shape) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let link = Arc::new(Link::default());
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind the proxy");
        let addr = listener.local_addr().expect("the proxy's address");
        let l = link.clone();
        runtime.spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let link = l.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(target).await {
                        let _ = client.set_nodelay(true);
                        let _ = server.set_nodelay(true);
                        let (cr, cw) = client.into_split();
                        let (sr, sw) = server.into_split();
                        let up = tokio::spawn(pipe(cr, sw, link.clone(), shape, true));
                        let down = tokio::spawn(pipe(sr, cw, link, shape, false));
                        let _ = tokio::join!(up, down);
                    }
                });
            }
        });
        Self {
            addr,
            link,
            _runtime: runtime,
        }
    }
}

/// One direction: read, wait for the shared link and the delay, write.
async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    link: Arc<Link>,
    shape: Shape,
    up: bool,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((at, bytes)) = rx.recv().await {
            tokio::time::sleep_until(at.into()).await;
            if to.write_all(&bytes).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    });
    // About one packet at a time, so that the two directions interleave on the link.
    let mut buf = vec![0u8; 1_400];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        while link.dead.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let sent = link.reserve(n, shape);
        tokio::time::sleep_until(sent.into()).await;
        let counter = if up { &link.up } else { &link.down };
        let before_here = counter.fetch_add(n as u64, Ordering::Relaxed);
        let before = link.carried.fetch_add(n as u64, Ordering::Relaxed);
        // A cut counted on all bytes, or on the bytes down only.
        let (cut, from, switch) = if !up && link.cut_down_at.load(Ordering::Relaxed) != u64::MAX {
            (
                link.cut_down_at.load(Ordering::Relaxed),
                before_here,
                &link.cut_down_at,
            )
        } else {
            (link.cut_at.load(Ordering::Relaxed), before, &link.cut_at)
        };
        if from + n as u64 > cut {
            // Deliver what came before the cut, then drop the connection.
            switch.store(u64::MAX, Ordering::Relaxed);
            let keep = cut.saturating_sub(from) as usize;
            let _ = tx.send((sent + shape.delay, buf[..keep].to_vec()));
            break;
        }
        if tx.send((sent + shape.delay, buf[..n].to_vec())).is_err() {
            break;
        }
    }
    drop(tx);
    let _ = writer.await;
}
