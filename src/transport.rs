//! Where a source's requests go: the embedded demo's in-page simulator for demo sources, real
//! HTTP (`client.rs`) for every other. The app's data operations (`fetch.rs`) go through here.

use jobdeck_core::{HttpRequest, HttpResponse, SourceConfig, SourceError};

pub async fn execute(
    source: &SourceConfig,
    req: &HttpRequest,
) -> Result<HttpResponse, SourceError> {
    if crate::demo::is_demo(source) {
        crate::demo::execute(source, req).await
    } else {
        crate::client::execute(source, req).await
    }
}
