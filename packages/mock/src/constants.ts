/**
 * @module
 * The application (and its all-rights consumer key) that every mock knows unless told otherwise.
 * These are not secrets: they only open the offline mock.
 */

/** The application key of the mock's pre-registered application. */
export const DEMO_APPLICATION_KEY = "asyncovhDemoKey0";

/** The application secret of the mock's pre-registered application. */
export const DEMO_APPLICATION_SECRET = "asyncovhDemoSecretForTheMockOnly";

/**
 * A validated consumer key of the demo application granting every method on `/*`: present when
 * the demo application is (the default).
 */
export const DEMO_CONSUMER_KEY = "asyncovhDemoConsumerKeyAllRights";

/** The three demo credentials as client options: `new Client({ endpoint, ...DEMO_CREDENTIALS })`. */
export const DEMO_CREDENTIALS: Readonly<{
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}> = Object.freeze({
  applicationKey: DEMO_APPLICATION_KEY,
  applicationSecret: DEMO_APPLICATION_SECRET,
  consumerKey: DEMO_CONSUMER_KEY,
});
