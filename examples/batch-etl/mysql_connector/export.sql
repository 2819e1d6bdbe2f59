SELECT * FROM myschema.users INTO OUTFILE S3 '{{DATA_S3}}/data/myschema/users/users.scv' FIELDS TERMINATED BY ',' LINES TERMINATED BY '\n' OVERWRITE ON;
SELECT * FROM myschema.transactions INTO OUTFILE S3 '{{DATA_S3}}/data/myschema/transactions/transactions.scv' FIELDS TERMINATED BY ',' LINES TERMINATED BY '\n' OVERWRITE ON;
