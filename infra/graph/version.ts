/** Name and version sent to Graph in User-Agent and SdkVersion; kept equal to package.json by a test. */
export const PROJECT_NAME = "passwordless-onboarding";
export const PROJECT_VERSION = "0.1.0";
export const USER_AGENT = `${PROJECT_NAME}/${PROJECT_VERSION}`;
