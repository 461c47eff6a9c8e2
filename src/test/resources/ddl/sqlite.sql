CREATE TABLE "accounts" (
    "id" INTEGER NOT NULL,
    "email" VARCHAR(200) NOT NULL,
    PRIMARY KEY ("id")
);

CREATE TABLE "every_type" (
    "id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "flag" BOOLEAN DEFAULT 1 NOT NULL,
    "small_n" SMALLINT DEFAULT 0,
    "price" NUMERIC(12,2) DEFAULT 4.99,
    "amount" NUMERIC,
    "real_v" REAL,
    "dbl" REAL,
    "code" CHAR(5),
    "name" VARCHAR(100) DEFAULT 'unknown',
    "huge" VARCHAR(100000),
    "body" TEXT,
    "hash" BLOB,
    "data" BLOB,
    "day" DATE,
    "at_time" TIME,
    "created" DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "happened" TIMESTAMP,
    "uid" TEXT,
    "doc" TEXT,
    "rating" VARCHAR(5) DEFAULT 'G' CHECK ("rating" IN ('G', 'PG', 'R''x')),
    PRIMARY KEY ("id"),
    FOREIGN KEY ("account_id") REFERENCES "accounts" ("id")
);

CREATE UNIQUE INDEX "accounts_email_key" ON "accounts" ("email");

CREATE INDEX "every_type_day_idx" ON "every_type" ("day", "name");

CREATE UNIQUE INDEX "every_type_code_key" ON "every_type" ("code");

ALTER TABLE "every_type" ADD "added" NUMERIC(6,2);
