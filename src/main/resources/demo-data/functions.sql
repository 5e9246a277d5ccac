-- Uniform [0,1) from (a, b, salt): a hash, not random(), so that a seed reproduces the data
-- whatever order PostgreSQL evaluates rows in. Row ids hash a per-run nonce instead (faster
-- than gen_random_uuid(), still unique across runs), shaped as version-4 UUIDs like the web
-- app's.
CREATE OR REPLACE FUNCTION pg_temp.rnd(a bigint, b bigint, salt integer)
  RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT (hashint8extended(b, hashint8extended(a, %1$d::bigint # (salt::bigint << 40)))
                 & 9007199254740991)::double precision / 9007199254740992.0 $f$;
CREATE OR REPLACE FUNCTION pg_temp.gauss(a bigint, b bigint, salt integer)
  RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT sqrt(-2 * ln(1 - pg_temp.rnd(a, b, salt)))
                * cos(2 * pi() * pg_temp.rnd(a, b, salt + 1000)) $f$;
CREATE OR REPLACE FUNCTION pg_temp.v4(h text, b bigint)
  RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT overlay(overlay(h PLACING '4' FROM 13 FOR 1)
                        PLACING substr('89ab', 1 + ((b %% 4 + 4) %% 4)::integer, 1) FROM 17 FOR 1)::uuid $f$;
CREATE OR REPLACE FUNCTION pg_temp.uid(a bigint, b bigint, salt integer)
  RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT pg_temp.v4(md5(%1$d || ':' || a || ':' || b || ':' || salt), b) $f$;
CREATE OR REPLACE FUNCTION pg_temp.row_id(a bigint, b bigint)
  RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $f$ SELECT pg_temp.v4(md5('%2$d:' || a || ':' || b), a + b) $f$;
CREATE OR REPLACE FUNCTION pg_temp.pick(items text[], r double precision)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT items[1 + floor(r * cardinality(items))::integer] $f$;
CREATE OR REPLACE FUNCTION pg_temp.first_name(r double precision)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT pg_temp.pick(ARRAY[
    'Emma','Liam','Olivia','Noah','Ava','Elijah','Sophia','Lucas','Mia','Mateo','Amelia',
    'Leo','Harper','Ethan','Isabella','James','Charlotte','Benjamin','Luna','Daniel','Chloe',
    'Henry','Zoë','Samuel','Nora','David','Hannah','Jakob','Lena','Felix','Marie','Lukas',
    'Anna','Jonas','Sofia','Paul','Léa','Hugo','Chiara','Matteo','Giulia','Alejandro',
    'Lucía','Pablo','Inés','João','Beatriz','Arjun','Priya','Rahul','Ananya','Wei','Mei',
    'Hiroshi','Yuki','Min-jun','Ji-woo','Oluwaseun','Amara','Kwame','Fatima','Omar','Layla',
    'Youssef','Aisha','Mohammed','Sara','Ivan','Olga','Mikhail','Agnieszka','Piotr','Eva',
    'Tomás','Sven','Ingrid','Aino','Mateus','Valentina','Diego','Camila','Thanh','Rosa',
    'Kai','Maya','Noor','Elias','Clara','Theo','Oscar','Freya','Ruben','Julia','Michael',
    'Sarah','Chris','Laura','Alex'], r) $f$;
CREATE OR REPLACE FUNCTION pg_temp.last_name(r double precision)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT pg_temp.pick(ARRAY[
    'Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez',
    'Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore',
    'Jackson','Martin','Lee','Thompson','White','Harris','Clark','Lewis','Walker','Young',
    'Allen','King','Wright','Scott','Müller','Schmidt','Schneider','Fischer','Weber','Meyer',
    'Wagner','Becker','Hoffmann','Dubois','Durand','Lefèvre','Moreau','Rossi','Russo',
    'Ferrari','Bianchi','Romano','Silva','Santos','Oliveira','Pereira','Costa','Fernández',
    'Sánchez','Pérez','Gómez','Kowalski','Nowak','Novák','Jansen','de Vries','Bakker',
    'Visser','Andersson','Johansson','Nielsen','Hansen','Korhonen','Ivanov','Petrov','Kumar',
    'Sharma','Patel','Singh','Gupta','Chen','Wang','Zhang','Liu','Tanaka','Suzuki','Sato',
    'Kim','Park','Choi','Nguyen','Tran','Okafor','Mensah','Adeyemi','Haddad','Khalil',
    'Cohen','Levi','O''Brien','Murphy','Kelly','Byrne','MacDonald','Campbell'], r) $f$;
CREATE OR REPLACE FUNCTION pg_temp.company_domain(r double precision)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT pg_temp.pick(ARRAY[
    'acme-corp.com','globex.io','initech.com','hooli.xyz','umbrella-labs.io',
    'northwind.dev','contoso.com','fabrikam.io','wayne-ent.com','stark-tech.io',
    'piedpiper.net','vandelay-industries.com','soylent.co','tyrell-corp.com','cyberdyne.io',
    'aperture-science.com','wonka-factory.com','bluthco.com','dundermifflin.com',
    'prestige-worldwide.co','oscorp.dev','massive-dynamic.com','gringotts.uk',
    'monsters-inc.io','duffbeer.de','stellar-analytics.ai','brightpath.io',
    'quantum-leap.dev','riverside-university.edu','hochschule-nord.de'], r) $f$;
