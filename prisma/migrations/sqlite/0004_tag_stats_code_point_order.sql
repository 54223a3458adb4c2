-- SQLite compares text byte-wise (BINARY collation), which is code-point order
-- for UTF-8 already: nothing to change. Kept so both databases share migration names.
SELECT 1;
