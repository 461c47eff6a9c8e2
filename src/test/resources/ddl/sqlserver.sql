CREATE TABLE [dbo].[accounts] (
    [id] bigint IDENTITY(1,1) NOT NULL,
    [email] nvarchar(200) NOT NULL,
    PRIMARY KEY ([id])
);

CREATE TABLE [dbo].[every_type] (
    [id] int IDENTITY(1,1) NOT NULL,
    [account_id] bigint NOT NULL,
    [flag] bit DEFAULT 1 NOT NULL,
    [small_n] smallint DEFAULT 0,
    [price] decimal(12,2) DEFAULT 4.99,
    [amount] decimal(38,10),
    [real_v] real,
    [dbl] float,
    [code] nchar(5),
    [name] nvarchar(100) DEFAULT 'unknown',
    [huge] nvarchar(max),
    [body] nvarchar(max),
    [hash] binary(16),
    [data] varbinary(max),
    [day] date,
    [at_time] time(0),
    [created] datetime2(6) DEFAULT CURRENT_TIMESTAMP NOT NULL,
    [happened] datetimeoffset(3),
    [uid] uniqueidentifier,
    [doc] nvarchar(max),
    [rating] nvarchar(5) DEFAULT 'G' CHECK ([rating] IN ('G', 'PG', 'R''x')),
    PRIMARY KEY ([id])
);

CREATE UNIQUE INDEX [accounts_email_key] ON [dbo].[accounts] ([email]);

CREATE INDEX [every_type_day_idx] ON [dbo].[every_type] ([day], [name]);

CREATE UNIQUE INDEX [every_type_code_key] ON [dbo].[every_type] ([code]);

ALTER TABLE [dbo].[every_type] ADD CONSTRAINT [every_type_account_fk] FOREIGN KEY ([account_id]) REFERENCES [dbo].[accounts] ([id]);

ALTER TABLE [dbo].[every_type] ADD [added] decimal(6,2);
