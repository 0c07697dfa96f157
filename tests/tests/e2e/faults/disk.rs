//! A full disk: writes fail promptly with an error naming the disk, reads go on, and the node recovers by itself once space is back.
