//! The door's memory budget for request bodies: the bytes of every body
//! being read or held, and of the JSON values parsed from them, counted
//! together across all requests at once. A request takes room before it
//! spends memory (its declared length before reading, more as a chunked
//! body or its parse grows) and gives it back when its answer is made. A
//! request that cannot get room within [`BUDGET_WAIT`] in all is answered
//! 503 (its client retries); one that could never fit, 413.
//!
//! Small requests are never queued behind a large one: whoever finds room
//! takes it (a large request may therefore wait its whole [`BUDGET_WAIT`]
//! and give up while small ones go through; that is the intended order).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// The room of the whole door. Enough for two of the largest bodies and the
/// parsed values of the largest write the store accepts (32 MiB of small
/// records are ~0.7 GiB as JSON values).
pub const BODY_BUDGET_BYTES: usize = 1024 * 1024 * 1024;
/// How long one request may wait, in all, for room.
pub const BUDGET_WAIT: Duration = Duration::from_secs(2);
/// Room is taken in steps of this size (fewer, larger takes).
const STEP_BYTES: usize = 1024 * 1024;

/// Why room was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Short {
    /// More than the whole budget: this request can never fit.
    TooLarge,
    /// Not within [`BUDGET_WAIT`]: others hold the room now.
    Busy,
}

/// The door's budget.
#[derive(Debug, Clone)]
pub struct BodyBudget {
    room: Arc<Room>,
}

#[derive(Debug)]
struct Room {
    total: usize,
    used: Mutex<usize>,
    freed: Notify,
}

impl Room {
    fn try_take(&self, n: usize) -> bool {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if *used + n <= self.total {
            *used += n;
            true
        } else {
            false
        }
    }

    fn give(&self, n: usize) {
        if n == 0 {
            return;
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        drop(used);
        self.freed.notify_waiters();
    }
}

impl BodyBudget {
    /// A budget of `total` bytes.
    pub fn new(total: usize) -> BodyBudget {
        BodyBudget {
            room: Arc::new(Room {
                total,
                used: Mutex::new(0),
                freed: Notify::new(),
            }),
        }
    }

    /// An empty charge for one request.
    pub fn charge(&self) -> Charge {
        Charge {
            room: self.room.clone(),
            held: 0,
            wait_left: BUDGET_WAIT,
        }
    }

    /// Bytes taken now by all requests.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        *self.room.used.lock().unwrap()
    }
}

/// The room one request holds; given back when dropped.
#[derive(Debug)]
pub struct Charge {
    room: Arc<Room>,
    held: usize,
    wait_left: Duration,
}

impl Charge {
    /// Bytes held.
    pub fn held(&self) -> usize {
        self.held
    }

    fn want(&self, bytes: usize) -> Result<Option<usize>, Short> {
        if bytes <= self.held {
            return Ok(None);
        }
        if bytes > self.room.total {
            return Err(Short::TooLarge);
        }
        let rounded = bytes.div_ceil(STEP_BYTES) * STEP_BYTES;
        Ok(Some(rounded.min(self.room.total) - self.held))
    }

    /// Hold at least `bytes` in all, waiting (within what is left of
    /// [`BUDGET_WAIT`]) for others to give room back.
    pub async fn grow_to(&mut self, bytes: usize) -> Result<(), Short> {
        let Some(n) = self.want(bytes)? else {
            return Ok(());
        };
        let started = Instant::now();
        let deadline = tokio::time::Instant::now() + self.wait_left;
        let result = loop {
            let freed = self.room.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            if self.room.try_take(n) {
                break Ok(());
            }
            if tokio::time::timeout_at(deadline, freed).await.is_err() {
                break Err(Short::Busy);
            }
        };
        self.wait_left = self.wait_left.saturating_sub(started.elapsed());
        if result.is_ok() {
            self.held += n;
        }
        result
    }

    /// [`Charge::grow_to`] without waiting: `Busy` when there is no room now.
    pub fn try_grow_to(&mut self, bytes: usize) -> Result<(), Short> {
        let Some(n) = self.want(bytes)? else {
            return Ok(());
        };
        if !self.room.try_take(n) {
            return Err(Short::Busy);
        }
        self.held += n;
        Ok(())
    }

    /// [`Charge::grow_to`] from a blocking thread (the JSON parse).
    pub fn grow_to_blocking(
        &mut self,
        bytes: usize,
        runtime: &tokio::runtime::Handle,
    ) -> Result<(), Short> {
        if self.want(bytes)?.is_none() {
            return Ok(());
        }
        runtime.block_on(self.grow_to(bytes))
    }

    /// Give back what is held beyond `bytes`.
    pub fn shrink_to(&mut self, bytes: usize) {
        if bytes < self.held {
            self.room.give(self.held - bytes);
            self.held = bytes;
        }
    }
}

impl Drop for Charge {
    fn drop(&mut self) {
        self.room.give(self.held);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1024 * 1024;

    #[tokio::test]
    async fn room_is_taken_in_steps_and_given_back() {
        let b = BodyBudget::new(8 * MIB);
        let mut c = b.charge();
        c.grow_to(10).await.unwrap();
        assert_eq!((c.held(), b.used()), (MIB, MIB));
        c.grow_to(MIB + 1).await.unwrap();
        assert_eq!(c.held(), 2 * MIB);
        c.shrink_to(MIB);
        assert_eq!(b.used(), MIB);
        drop(c);
        assert_eq!(b.used(), 0);
    }

    #[tokio::test]
    async fn too_large_at_once_busy_after_the_wait() {
        let b = BodyBudget::new(4 * MIB);
        let mut big = b.charge();
        assert_eq!(big.grow_to(4 * MIB + 1).await, Err(Short::TooLarge));
        big.grow_to(3 * MIB).await.unwrap();
        let mut other = b.charge();
        let started = Instant::now();
        assert_eq!(other.grow_to(2 * MIB).await, Err(Short::Busy));
        assert!(started.elapsed() >= BUDGET_WAIT);
        assert_eq!(other.held(), 0);
        assert_eq!(
            other.grow_to(2 * MIB).await,
            Err(Short::Busy),
            "the wait is for the whole request, and it is used up"
        );
        assert!(started.elapsed() < BUDGET_WAIT * 2);
        assert_eq!(b.used(), 3 * MIB);
    }

    #[test]
    fn trying_does_not_wait() {
        let b = BodyBudget::new(4 * MIB);
        let mut first = b.charge();
        first.try_grow_to(3 * MIB).unwrap();
        let mut other = b.charge();
        assert_eq!(other.try_grow_to(2 * MIB), Err(Short::Busy));
        assert_eq!(other.try_grow_to(5 * MIB), Err(Short::TooLarge));
        other.try_grow_to(MIB).unwrap();
        assert_eq!(b.used(), 4 * MIB);
    }

    #[tokio::test]
    async fn a_waiting_request_gets_room_given_back() {
        let b = BodyBudget::new(4 * MIB);
        let mut first = b.charge();
        first.grow_to(4 * MIB).await.unwrap();
        let b2 = b.clone();
        let waiter = tokio::spawn(async move {
            let mut c = b2.charge();
            c.grow_to(2 * MIB).await.map(|_| c.held())
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        first.shrink_to(2 * MIB);
        assert_eq!(waiter.await.unwrap(), Ok(2 * MIB));
        assert_eq!(b.used(), 2 * MIB);
    }

    #[test]
    fn grows_from_a_blocking_thread() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let b = BodyBudget::new(4 * MIB);
        let handle = rt.handle().clone();
        let mut c = b.charge();
        let held = std::thread::spawn(move || {
            c.grow_to_blocking(3 * MIB, &handle).unwrap();
            c.held()
        })
        .join()
        .unwrap();
        assert_eq!(held, 3 * MIB);
        assert_eq!(b.used(), 0, "given back when the charge was dropped");
    }
}
