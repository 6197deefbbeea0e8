-- Online requests for assistance (issue 6): a request a resident sends from /richiesta-assistenza becomes an
-- access of the register with no registering operator. Only the 'online_request' channel may lack one;
-- every other channel is registered by an operator, as before.
ALTER TABLE access ALTER COLUMN registered_by DROP NOT NULL;
ALTER TABLE access ADD CONSTRAINT access_registered_by_operator
  CHECK (registered_by IS NOT NULL OR channel = 'online_request');
COMMENT ON COLUMN access.registered_by IS 'The operator who registered the access; NULL only for a request sent online by the resident.';

-- Status lookup by request number (the number is unique per tenant already; the e-mail is compared in the row).
CREATE INDEX assistance_request_access ON assistance_request (tenant_id, access_id);

-- Street → neighbourhood suggestion while booking: typed street names are matched with trigrams on the key.
CREATE INDEX street_area_key_trgm ON street_area USING gin (street_key gin_trgm_ops);
