-- Tag autocomplete and the namespaces page read tag_stats by prefix ranges
-- ([p, p || U+10FFFF)), which hold exactly the tags starting with p only under
-- code-point order. A database created with a language collation (en_US…)
-- orders text differently, so the column gets the "C" collation whatever the
-- database default is. Prisma's schema cannot express this; it lives here.
ALTER TABLE "tag_stats" ALTER COLUMN "tag" TYPE TEXT COLLATE "C";
